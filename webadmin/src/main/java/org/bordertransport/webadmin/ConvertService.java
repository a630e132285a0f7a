package org.bordertransport.webadmin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.core.config.JamesConfigurationFiles;
import org.bordertransport.core.convert.ConversionException;
import org.bordertransport.core.convert.ConversionLimits;
import org.bordertransport.core.convert.ConversionOptions;
import org.bordertransport.core.convert.ConversionResult;
import org.bordertransport.core.convert.ConversionScope;
import org.bordertransport.core.convert.MessageConverter;
import org.bordertransport.core.io.Spool;
import org.bordertransport.core.policy.RecipientEntry;
import org.bordertransport.core.policy.RecipientResolution;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.bordertransport.core.tnefmime.TnefConversionException;
import org.bordertransport.core.tnefmime.TnefConversionResult;
import org.bordertransport.core.tnefmime.TnefDetection;
import org.bordertransport.core.tnefmime.TnefMimeConverter;
import org.bordertransport.core.tnefmime.TnefMimeOptions;

/**
 * What one remote recipient would receive of a message: the relay processor's content steps as the shipped
 * configuration runs them, with their parameters from {@code mailetcontainer.xml} and the policy file they use —
 * {@code ConvertTnef} (TNEF kept, decoded or removed per {@code TNEFEnabled}) then {@code ConvertForRemoteDomain}
 * (content type, character set, wrapping, encodings), by core's engines. Nothing is sent and nothing is stored.
 * DKIM signatures are not verified: a message carrying one is treated as the mailets treat a signature that verifies
 * ({@code thirdPartyDkim=preserve}: only what must change is changed), as {@code bin/border convert} does.
 */
public final class ConvertService {
    /** The largest message the preview takes: larger requests get 413. */
    public static final long MAX_MESSAGE_OCTETS = 10L * 1024 * 1024;
    static final String TNEF_MAILET = "org.bordertransport.mailets.ConvertTnef";
    static final String CONVERT_MAILET = "org.bordertransport.mailets.ConvertForRemoteDomain";
    private static final int MEMORY_THRESHOLD = 1024 * 1024;
    private static final int MAX_HEADER_LINES = 10_000;

    private final BorderConf conf;
    private final PolicyService policies;

    public ConvertService(BorderConf conf) {
        this.conf = conf;
        this.policies = new PolicyService(conf);
    }

    /** The message a recipient would receive and what was done to it. Close it to discard the spooled copies. */
    public static final class Preview implements AutoCloseable {
        private final Spool original;
        private Spool result;
        private final Map<String, Object> summary = new LinkedHashMap<>();

        private Preview(Spool original) {
            this.original = original;
            this.result = original;
        }

        /** The message as the recipient would receive it. */
        public Spool message() {
            return result;
        }

        public Map<String, Object> summary() {
            return summary;
        }

        @Override
        public void close() throws IOException {
            try {
                original.close();
            } finally {
                if (result != original) {
                    result.close();
                }
            }
        }
    }

    /**
     * @param declaredLength the request's Content-Length, -1 when unknown
     */
    public Preview preview(String rawRecipient, InputStream body, long declaredLength)
        throws RouteException, IOException {
        if (rawRecipient == null || rawRecipient.trim().isEmpty()) {
            throw RouteException.badParameter("recipient", "missing: give the address of the remote recipient");
        }
        if (declaredLength > MAX_MESSAGE_OCTETS) {
            throw tooLarge(declaredLength);
        }
        Map<String, Object> policyAnswer = policies.recipient(rawRecipient);
        String recipient = rawRecipient.trim();
        PolicyService.Loaded loaded = policies.load();
        RecipientResolution resolution = loaded.policy.resolveRecipient(recipient);
        RemoteDomainSettings settings = resolution.settings();
        JamesConfigurationFiles files = conf.files();
        Optional<Map<String, String>> tnefParameters = conf.mailetParameters(files, TNEF_MAILET);
        Optional<Map<String, String>> convertParameters = conf.mailetParameters(files, CONVERT_MAILET);

        Spool original = new Spool(MEMORY_THRESHOLD, MAX_MESSAGE_OCTETS, "message");
        Preview preview = new Preview(original);
        boolean done = false;
        try {
            try {
                body.transferTo(original);
                original.finish();
            } catch (Spool.LimitException e) {
                throw tooLarge(-1);
            }
            if (original.size() == 0) {
                throw RouteException.badParameter("body", "empty: POST the message (RFC 5322) as the request body");
            }
            boolean signed = hasDkimSignature(original);
            Map<String, Object> summary = preview.summary;
            summary.put("recipient", recipient);
            summary.put("remoteDomain", resolution.remoteDomain().name());
            summary.put("recipientEntry", resolution.recipient().map(RecipientEntry::name).orElse(null));
            summary.put("decidedBy", policyAnswer.get("decidedBy"));
            summary.put("dkimSigned", signed);
            summary.put("tnef", tnefParameters.isPresent() ? tnef(preview, tnefParameters.get(), settings, signed)
                : notConfigured("ConvertTnef"));
            summary.put("conversion", convertParameters.isPresent()
                ? convert(preview, convertParameters.get(), settings, signed) : notConfigured("ConvertForRemoteDomain"));
            summary.put("octets", preview.result.size());
            done = true;
            return preview;
        } finally {
            if (!done) {
                preview.close();
            }
        }
    }

    private static Map<String, Object> tnef(Preview preview, Map<String, String> parameters,
                                            RemoteDomainSettings settings, boolean signed)
        throws IOException, RouteException {
        String disabledAction = choice(parameters, "disabledAction", "convert", "convert", "strip");
        String unsetAction = choice(parameters, "unsetAction", "convert", "convert", "keep");
        boolean keepRtf = "true".equalsIgnoreCase(parameters.getOrDefault("keepRtf", "false").trim());
        boolean preserve = !"ignore".equalsIgnoreCase(parameters.getOrDefault("thirdPartyDkim", "preserve").trim());
        Optional<Boolean> enabled = settings.tnefEnabled();
        String action = enabled.isEmpty() ? unsetAction : enabled.get() ? "keep" : disabledAction;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("TNEFEnabled", enabled.orElse(null));
        if (enabled.isEmpty() && !action.equals("keep") && signed && preserve) {
            action = "keep";
            out.put("note", "DKIM-signed and TNEFEnabled unset: the TNEF is kept as the sender sent it");
        }
        TnefMimeConverter converter = TnefMimeConverter.of(TnefMimeOptions.builder().keepRtf(keepRtf).build());
        if (action.equals("keep")) {
            TnefDetection detection;
            try (InputStream in = preview.result.open()) {
                detection = converter.detect(in);
            }
            if (detection.kind() != TnefDetection.Kind.SUMMARY_TNEF) {
                out.put("action", "keep");
                out.put("modified", false);
                return out;
            }
            out.put("note", "summary TNEF never leaves as it is: decoded although the remote domain keeps TNEF");
            action = "convert";
        }
        out.put("action", action);
        Spool converted = new Spool(MEMORY_THRESHOLD, TnefMimeOptions.DEFAULT_MAX_MESSAGE_OCTETS, "message");
        boolean used = false;
        try {
            TnefConversionResult result;
            try (InputStream in = preview.result.open()) {
                result = action.equals("strip") ? converter.strip(in, converted) : converter.convert(in, converted);
            }
            converted.finish();
            out.put("modified", result.modified());
            out.put("changes", result.changes());
            out.put("unchangedReason", result.unchangedReason().orElse(null));
            if (result.modified()) {
                replace(preview, converted);
                used = true;
            }
        } catch (TnefConversionException e) {
            out.put("modified", false);
            out.put("failed", e.getMessage());
            out.put("outcome", Boolean.FALSE.equals(enabled.orElse(null))
                ? "held: TNEF to a remote domain with TNEFEnabled=false cannot be decoded (the mailet's"
                    + " errorProcessor, if set, keeps the mail)"
                : "the mail goes on with its TNEF unchanged (onMailetException=ignore in the shipped conf)");
        } finally {
            if (!used) {
                converted.close();
            }
        }
        return out;
    }

    private static Map<String, Object> convert(Preview preview, Map<String, String> parameters,
                                               RemoteDomainSettings settings, boolean signed) throws IOException {
        boolean legacyFilenames = "true".equalsIgnoreCase(parameters.getOrDefault("legacyFilenames", "false").trim());
        boolean preserve = !"ignore".equalsIgnoreCase(parameters.getOrDefault("thirdPartyDkim", "preserve").trim());
        ConversionScope scope = signed && preserve ? ConversionScope.MANDATORY : ConversionScope.FULL;
        MessageConverter converter = MessageConverter.of(ConversionLimits.defaults(),
            ConversionOptions.of(legacyFilenames));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scope", scope.name().toLowerCase(Locale.ROOT));
        Spool converted = new Spool(MEMORY_THRESHOLD, MAX_MESSAGE_OCTETS * 4, "converted message");
        boolean used = false;
        try {
            ConversionResult result;
            try (InputStream in = preview.result.open()) {
                result = converter.convert(in, converted, settings, scope);
            }
            converted.finish();
            out.put("modified", result.modified());
            out.put("changes", result.changes());
            out.put("unconverted", result.unchangedReason().orElse(null));
            if (result.modified()) {
                replace(preview, converted);
                used = true;
            }
        } catch (ConversionException e) {
            out.put("modified", false);
            out.put("changes", List.of());
            out.put("unconverted", e.getMessage());
        } finally {
            if (!used) {
                converted.close();
            }
        }
        return out;
    }

    private static void replace(Preview preview, Spool next) throws IOException {
        if (preview.result != preview.original) {
            preview.result.close();
        }
        preview.result = next;
    }

    private static Map<String, Object> notConfigured(String mailet) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", "none");
        out.put("modified", false);
        out.put("note", "no " + mailet + " mailet in mailetcontainer.xml");
        return out;
    }

    private static String choice(Map<String, String> parameters, String name, String defaultValue, String... allowed)
        throws RouteException {
        String value = parameters.getOrDefault(name, defaultValue).trim();
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw RouteException.configuration("ConvertTnef: invalid parameter '" + name + "': '" + value + "'", null);
    }

    /** True when the header (up to the first empty line) has a DKIM-Signature field. */
    static boolean hasDkimSignature(Spool message) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(message.open(),
            StandardCharsets.ISO_8859_1))) {
            String line;
            int lines = 0;
            while ((line = reader.readLine()) != null && !line.isEmpty() && lines++ < MAX_HEADER_LINES) {
                if (line.regionMatches(true, 0, "DKIM-Signature:", 0, "DKIM-Signature:".length())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static RouteException tooLarge(long declared) {
        return RouteException.tooLarge("The message is larger than " + MAX_MESSAGE_OCTETS + " octets"
            + (declared > 0 ? " (" + declared + ")" : "") + ": the preview takes messages up to that size");
    }
}
