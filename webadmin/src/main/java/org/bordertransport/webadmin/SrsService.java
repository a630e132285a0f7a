package org.bordertransport.webadmin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bordertransport.core.config.JamesConfigurationFiles;
import org.bordertransport.core.srs.HashAlphabet;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsFormat;
import org.bordertransport.core.srs.SrsForward;
import org.bordertransport.core.srs.SrsOperations;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;

/**
 * SRS as the running mailets do it, from their parameters in {@code mailetcontainer.xml}: forward as
 * {@code RewriteSenderSrs} rewrites ({@code secretsFile}, {@code format}, {@code srsDomain}, {@code hashLength},
 * {@code alphabet}), reverse as {@code ReverseSrs} does ({@code secretsFile}, {@code maxAgeDays}), and the secrets in
 * use (fingerprints, never the secrets). The engines are core's, through {@link SrsOperations} as
 * {@code bin/border srs} uses them.
 */
public final class SrsService {
    static final String REWRITE_MAILET = "org.bordertransport.mailets.RewriteSenderSrs";
    static final String REVERSE_MAILET = "org.bordertransport.mailets.ReverseSrs";
    static final String SECRETS_FILE = "secretsFile";
    static final String DEFAULT_SECRETS_FILE = "file://conf/srs-secrets";
    static final String SAMPLE_SECRET = "PUBLIC-SAMPLE-SRS-SECRET-replace-me-with-bin-border-srs-keygen";
    static final int MAX_ADDRESS_LENGTH = 512;

    private final BorderConf conf;
    private final Clock clock;

    public SrsService(BorderConf conf, Clock clock) {
        this.conf = conf;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code GET /border/srs/forward?sender=...[&forwarder=...]}: the envelope sender the mail leaves with. */
    public Map<String, Object> forward(String sender, String forwarder) throws RouteException {
        if (sender == null) {
            throw RouteException.badParameter("sender", "missing: give the envelope sender (an empty value for <>)");
        }
        checkAddress("sender", sender);
        Optional<String> forwarding = Optional.ofNullable(forwarder).map(String::trim).filter(f -> !f.isEmpty());
        if (forwarding.isPresent()) {
            checkAddress("forwarder", forwarding.get());
        }
        JamesConfigurationFiles files = conf.files();
        Map<String, String> parameters = conf.mailetParameters(files, REWRITE_MAILET).orElseThrow(() ->
            RouteException.notFound("No RewriteSenderSrs mailet in " + files.mailetContainerFile()
                + ": this server does not rewrite senders"));
        SrsFormat format = SrsFormat.of(parameters.getOrDefault("format", "m365").trim()).orElseThrow(() ->
            RouteException.configuration("RewriteSenderSrs: invalid parameter 'format' in "
                + files.mailetContainerFile(), null));
        Optional<Integer> hashLength = integer(parameters, "hashLength");
        HashAlphabet alphabet = "standard".equals(parameters.getOrDefault("alphabet", "urlsafe").trim())
            ? HashAlphabet.STANDARD : HashAlphabet.URL_SAFE;
        Optional<String> srsDomain = Optional.ofNullable(parameters.get("srsDomain")).map(String::trim)
            .filter(d -> !d.isEmpty());
        String domain = srsDomain.isPresent() ? srsDomain.get() : conf.defaultDomain(files).orElseThrow(() ->
            RouteException.configuration("RewriteSenderSrs: no 'srsDomain' and no <defaultDomain> in domainlist.xml",
                null));
        SrsSecrets secrets = secrets(parameters.getOrDefault(SECRETS_FILE, DEFAULT_SECRETS_FILE).trim()).secrets;
        SrsForward result;
        try {
            if (format == SrsFormat.M365) {
                result = forwarding.isPresent()
                    ? SrsOperations.forwardM365(secrets, sender, forwarding.get(), hashLength,
                        StandardSrs.DEFAULT_MAX_AGE_DAYS, clock)
                    : SrsOperations.relayM365(secrets, domain, sender, hashLength, StandardSrs.DEFAULT_MAX_AGE_DAYS,
                        clock);
            } else {
                result = SrsOperations.forwardStandard(secrets, Optional.of(domain), forwarding, sender,
                    new SrsOperations.StandardOptions(StandardSrs.DEFAULT_MAX_AGE_DAYS, alphabet, hashLength), clock);
            }
        } catch (SrsException e) {
            throw RouteException.badParameter(forwarding.isPresent() && e.getMessage().contains("forwarding address")
                ? "forwarder" : "sender", e.reason().name() + ": " + SrsOperations.detail(e));
        } catch (IllegalArgumentException e) {
            throw RouteException.configuration("RewriteSenderSrs: " + e.getMessage(), e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sender", sender);
        out.put("forwarder", forwarding.orElse(null));
        out.put("address", result.address());
        out.put("rewritten", result.isRewritten());
        out.put("outcome", result.outcome().name());
        out.put("format", format.word());
        return out;
    }

    /** {@code GET /border/srs/reverse?address=...}: where a bounce to the address goes, or why it is refused. */
    public Map<String, Object> reverse(String rawAddress) throws RouteException {
        if (rawAddress == null || rawAddress.trim().isEmpty()) {
            throw RouteException.badParameter("address", "missing: give the SRS address a bounce was sent to");
        }
        String address = rawAddress.trim();
        checkAddress("address", address);
        Verifier verifier = verifier();
        SrsFormat format = SrsFormat.ofAddress(address);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", address);
        out.put("format", format.word());
        try {
            SrsReverse result = SrsOperations.reverse(verifier.secrets.secrets, format, address, verifier.maxAgeDays,
                clock);
            out.put("reversible", true);
            out.put("kind", result.kind().name());
            out.put("target", SrsOperations.target(result.kind()).name());
            out.put("bounceRecipient", result.bounceRecipient().orElse(address));
            out.put("forwardingAddress", result.forwardingAddress().orElse(null));
        } catch (SrsException e) {
            out.put("reversible", false);
            out.put("reason", e.reason().name());
            out.put("message", SrsOperations.detail(e));
        }
        return out;
    }

    /** {@code GET /border/srs/secrets}: for each secrets file in use, its secrets by fingerprint. */
    public Map<String, Object> secrets() throws RouteException {
        JamesConfigurationFiles files = conf.files();
        Optional<Map<String, String>> rewrite = conf.mailetParameters(files, REWRITE_MAILET);
        Optional<Map<String, String>> reverse = conf.mailetParameters(files, REVERSE_MAILET);
        int maxAge = reverse.isPresent() ? maxAge(reverse.get()) : StandardSrs.DEFAULT_MAX_AGE_DAYS;
        Map<String, List<String>> users = new LinkedHashMap<>();
        rewrite.ifPresent(p -> users.computeIfAbsent(location(p), l -> new ArrayList<>()).add("RewriteSenderSrs"));
        reverse.ifPresent(p -> users.computeIfAbsent(location(p), l -> new ArrayList<>()).add("ReverseSrs"));
        List<Map<String, Object>> reports = new ArrayList<>();
        Instant now = clock.instant();
        for (Map.Entry<String, List<String>> file : users.entrySet()) {
            Secrets loaded = secrets(file.getKey());
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("secretsFile", file.getKey());
            report.put("usedBy", file.getValue());
            report.put("lastModified", loaded.lastModified.map(t -> t.toInstant().toString()).orElse(null));
            report.put("count", loaded.secrets.count());
            report.put("publicSampleInUse", loaded.sampleInUse);
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < loaded.secrets.count(); i++) {
                Map<String, Object> secret = new LinkedHashMap<>();
                secret.put("line", i + 1);
                secret.put("fingerprint", loaded.secrets.fingerprint(i));
                secret.put("role", i == 0 ? "SIGNS_AND_VERIFIES" : "VERIFIES_ONLY");
                secret.put("weak", loaded.secrets.isShort(i));
                if (i == 0) {
                    secret.put("addressesValidFor", maxAge + " days after they are made");
                    secret.put("validUntilAtMost", null);
                } else {
                    Optional<Instant> until = loaded.lastModified
                        .map(t -> t.toInstant().plus(Duration.ofDays(maxAge)));
                    secret.put("addressesValidFor", null);
                    secret.put("validUntilAtMost", until.map(Instant::toString).orElse(null));
                    secret.put("stillNeeded", until.map(now::isBefore).orElse(true));
                }
                list.add(secret);
            }
            report.put("secrets", list);
            reports.add(report);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maxAgeDays", maxAge);
        out.put("files", reports);
        return out;
    }

    private Verifier verifier() throws RouteException {
        JamesConfigurationFiles files = conf.files();
        Optional<Map<String, String>> reverse = conf.mailetParameters(files, REVERSE_MAILET);
        if (reverse.isPresent()) {
            return new Verifier(secrets(location(reverse.get())), maxAge(reverse.get()));
        }
        Map<String, String> rewrite = conf.mailetParameters(files, REWRITE_MAILET).orElseThrow(() ->
            RouteException.notFound("No ReverseSrs or RewriteSenderSrs mailet in " + files.mailetContainerFile()
                + ": this server uses no SRS"));
        return new Verifier(secrets(location(rewrite)), StandardSrs.DEFAULT_MAX_AGE_DAYS);
    }

    private static String location(Map<String, String> parameters) {
        return parameters.getOrDefault(SECRETS_FILE, DEFAULT_SECRETS_FILE).trim();
    }

    private static int maxAge(Map<String, String> parameters) throws RouteException {
        return integer(parameters, "maxAgeDays").orElse(StandardSrs.DEFAULT_MAX_AGE_DAYS);
    }

    private static Optional<Integer> integer(Map<String, String> parameters, String name) throws RouteException {
        String value = parameters.get(name);
        if (value == null || value.trim().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw RouteException.configuration("SRS mailet parameter '" + name + "' is not a number", e);
        }
    }

    private Secrets secrets(String location) throws RouteException {
        Path path = conf.resolve(location, "SRS secrets (" + SECRETS_FILE + ")");
        try {
            SrsSecrets secrets = SrsSecrets.load(path);
            boolean sample = Files.readAllLines(path, StandardCharsets.UTF_8).stream().map(String::trim)
                .anyMatch(SAMPLE_SECRET::equals);
            return new Secrets(secrets, BorderConf.lastModified(path), sample);
        } catch (IOException e) {
            throw RouteException.configuration("SRS secrets '" + location + "' cannot be read: "
                + JamesConfigurationFiles.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw RouteException.configuration("SRS secrets '" + location + "': " + e.getMessage(), e);
        }
    }

    private static void checkAddress(String parameter, String value) throws RouteException {
        if (value.length() > MAX_ADDRESS_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw RouteException.badParameter(parameter, "not an address (control characters, or over "
                + MAX_ADDRESS_LENGTH + " characters)");
        }
    }

    private static final class Secrets {
        final SrsSecrets secrets;
        final Optional<FileTime> lastModified;
        final boolean sampleInUse;

        Secrets(SrsSecrets secrets, Optional<FileTime> lastModified, boolean sampleInUse) {
            this.secrets = secrets;
            this.lastModified = lastModified;
            this.sampleInUse = sampleInUse;
        }
    }

    private static final class Verifier {
        final Secrets secrets;
        final int maxAgeDays;

        Verifier(Secrets secrets, int maxAgeDays) {
            this.secrets = secrets;
            this.maxAgeDays = maxAgeDays;
        }
    }
}
