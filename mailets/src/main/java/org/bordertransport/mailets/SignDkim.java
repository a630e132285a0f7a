package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.mailets.DKIMSign;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.bordertransport.james.HeaderReplacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the mail with DKIM: James's own {@code DKIMSign} (jDKIM), with the parameters checked as every Border mailet
 * checks them (an unknown name stops James at startup) and a warning at every start while the shipped PUBLIC sample
 * key of {@code conf/mailetcontainer.xml} is in use. Place it last before {@code RemoteDelivery}, after every mailet
 * that changes the message (conversion first, signature last), and match only mail from our own users.
 *
 * <p>A signature of our own already on the mail (same {@code d=} and {@code s=} as the template: the mail was signed
 * here before and is processed again, e.g. reprocessed from a mail repository) is replaced, not kept beside the new
 * one. Every other signature (another selector, another domain) is left where it is.</p>
 *
 * <pre>{@code
 * <mailet match="own-mail" class="org.bordertransport.mailets.SignDkim">
 *   <signatureTemplate>v=1; s=border; d=border.test; h=from:to:subject:date:message-id; a=rsa-sha256; c=relaxed/relaxed; bh=; b=;</signatureTemplate>
 *   <privateKey>
 *     -----BEGIN RSA PRIVATE KEY-----
 *     (the base64 lines of the key, one per line, as openssl writes them)
 *     -----END RSA PRIVATE KEY-----
 *   </privateKey>
 * </mailet>
 * }</pre>
 */
public class SignDkim extends DKIMSign {
    /** The parameters this mailet accepts: those of James's {@code DKIMSign}. */
    public static final Set<String> PARAMETERS = Set.of("signatureTemplate", "privateKey", "privateKeyFilepath",
        "privateKeyPassword", "forceCRLF");
    /** SHA-256 of the base64 body of the PEM sample key shipped in {@code conf/mailetcontainer.xml}. */
    static final String SAMPLE_KEY_SHA256 = "0c554f0932add8eccfe9ffe808d92e5cc7f9734c178aa2276bd8e5481a0596b8";
    private static final String TEMPLATE_EXAMPLE = "'v=1; s=SELECTOR; d=DOMAIN; h=from:to:subject:date:message-id;"
        + " a=rsa-sha256; c=relaxed/relaxed; bh=; b=;'";
    private static final String HEADER = "DKIM-Signature";
    private static final Logger LOGGER = LoggerFactory.getLogger(SignDkim.class);

    private final Metric signed;
    private final Metric unsignable;

    private String ownDomain;
    private String ownSelector;

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), PARAMETERS);
        String template = getInitParameter("signatureTemplate");
        if (template == null || template.isBlank()) {
            throw new MessagingException(getMailetName() + ": Missing parameter 'signatureTemplate': a DKIM-Signature"
                + " template such as " + TEMPLATE_EXAMPLE);
        }
        checkTemplate(template);
        ownDomain = tag(template, "d");
        ownSelector = tag(template, "s");
        String forceCrlf = getInitParameter("forceCRLF");
        if (forceCrlf != null && !forceCrlf.equals("true") && !forceCrlf.equals("false")) {
            throw new MessagingException(getMailetName() + ": Invalid parameter 'forceCRLF': '" + forceCrlf
                + "': allowed values are true, false");
        }
        Optional<String> pem = keyText();
        if (pem.isEmpty()) {
            throw new MessagingException(getMailetName() + ": Missing parameter 'privateKey' (a PEM RSA private key)"
                + " or 'privateKeyFilepath' (a PEM file on James's classpath)");
        }
        try {
            super.init();
        } catch (MessagingException e) {
            String parameter = getInitParameter("privateKey") != null ? "privateKey" : "privateKeyFilepath";
            throw new MessagingException(getMailetName() + ": Invalid parameter '" + parameter + "': not a readable"
                + " PEM RSA private key (or a wrong 'privateKeyPassword'): " + e.getMessage(), e);
        }
        if (isSampleKey(pem.get())) {
            // the shipped sample key is public: anyone can sign as our domain with it
            LOGGER.warn("{}: 'privateKey' is the PUBLIC SAMPLE DKIM KEY from the shipped configuration: anybody can"
                + " sign mail as your domain with it. Generate your own ('openssl genrsa -traditional 2048') and"
                + " publish its public key before going live (docs/dkim.md).", getMailetName());
        }
    }

    /**
     * The parameter as configured, except that {@code privateKey} is given to {@code DKIMSign} one PEM line per line
     * without the indentation an XML file gives it (Bouncy Castle's PEM reader does not skip it).
     */
    @Override
    public String getInitParameter(String name) {
        String value = super.getInitParameter(name);
        if (!"privateKey".equals(name) || value == null) {
            return value;
        }
        StringBuilder pem = new StringBuilder();
        for (String line : value.split("\r?\n")) {
            if (!line.isBlank()) {
                pem.append(line.trim()).append('\n');
            }
        }
        return pem.toString();
    }

    @Inject
    public SignDkim(MetricFactory metricFactory) {
        this.signed = metricFactory.generate("border.dkim.signed");
        this.unsignable = metricFactory.generate("border.dkim.unsignable");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> badLine = unreadableHeaderLine(mail.getMessage());
        if (badLine.isPresent()) {
            // jDKIM refuses such a header (DKIMSign would throw, and the mail would sit in the error repository):
            // the mail leaves unsigned, as its sender wrote it, counted and logged
            unsignable.increment();
            LOGGER.warn("Mail {} cannot be signed, sent unsigned: header line {} has no field name",
                mail.getName(), badLine.get());
            return;
        }
        removeOwnSignatures(mail.getMessage());
        super.service(mail);
        // DKIMSign prepends the signature by editing the header in place; a new message of that header and the body
        // as it is spares the re-save James 3.8.1 would do at the next write (a full MIME parse of every signed mail),
        // and what that re-save adds after the signature was made (Date, MIME-Version), which would break it
        try {
            HeaderReplacement.renew(mail);
        } catch (IOException e) {
            throw new MessagingException("Cannot write signed mail " + mail.getName(), e);
        }
        signed.increment();
    }

    /** The first header line jDKIM cannot read (no {@code name:}), shortened for the log, if any. */
    private static Optional<String> unreadableHeaderLine(MimeMessage message) throws MessagingException {
        for (String line : Collections.list(message.getAllHeaderLines())) {
            if (line.indexOf(':') <= 0) {
                String shown = line.length() > 40 ? line.substring(0, 40) + "..." : line;
                return Optional.of("'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'");
            }
        }
        return Optional.empty();
    }

    /** Removes the DKIM-Signature fields with our d= and s=, keeping every other field in its place. */
    private void removeOwnSignatures(MimeMessage message) throws MessagingException {
        String[] signatures = message.getHeader(HEADER);
        if (signatures == null) {
            return;
        }
        boolean ours = false;
        for (String signature : signatures) {
            ours |= isOwn(signature);
        }
        if (!ours) {
            return;
        }
        List<String> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : Collections.list(message.getAllHeaderLines())) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).trim();
            if (!(name.equalsIgnoreCase(HEADER) && isOwn(line.substring(colon + 1)))) {
                kept.add(line);
            }
            names.add(name);
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        for (String line : kept) {
            message.addHeaderLine(line);
        }
        LOGGER.debug("{}: our earlier DKIM signature (d={}, s={}) replaced", getMailetName(), ownDomain, ownSelector);
    }

    private boolean isOwn(String signature) {
        return ownDomain.equalsIgnoreCase(tag(signature, "d")) && ownSelector.equalsIgnoreCase(tag(signature, "s"));
    }

    /** The value of one tag of a DKIM tag-value list, white space removed; empty when it is absent. */
    static String tag(String tagList, String name) {
        for (String pair : tagList.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                return pair.substring(equals + 1).replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** DKIMSign reads the template at the first mail: a bad one stops James at startup instead. */
    private void checkTemplate(String template) throws MessagingException {
        try {
            DKIMSigner signer = new DKIMSigner(template, null);
            SignatureRecord record = signer.newSignatureRecordTemplate(template);
            record.validate();
            signer.newBodyHasher(record);
        } catch (IllegalStateException | PermFailException e) {
            throw new MessagingException(getMailetName() + ": Invalid parameter 'signatureTemplate': '" + template
                + "': " + e.getMessage() + "; expected a template such as " + TEMPLATE_EXAMPLE, e);
        }
    }

    private Optional<String> keyText() throws MessagingException {
        Optional<String> inline = getInitParameterAsOptional("privateKey");
        if (inline.isPresent()) {
            return inline;
        }
        Optional<String> path = getInitParameterAsOptional("privateKeyFilepath");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        // where DKIMSign itself reads it from
        try (InputStream in = ClassLoader.getSystemResourceAsStream(path.get())) {
            if (in == null) {
                throw new MessagingException(getMailetName() + ": Invalid parameter 'privateKeyFilepath': '"
                    + path.get() + "' is not on James's classpath (or give the key inline in 'privateKey')");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new MessagingException(getMailetName() + ": Invalid parameter 'privateKeyFilepath': '"
                + path.get() + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether the PEM text is the shipped sample key (compared on its base64 body, whatever the layout). */
    static boolean isSampleKey(String pem) {
        StringBuilder body = new StringBuilder();
        for (String line : pem.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("-----")) {
                body.append(trimmed.replaceAll("\\s", ""));
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.toString().getBytes(StandardCharsets.US_ASCII));
            StringBuilder hex = new StringBuilder();
            for (byte b : hash) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return SAMPLE_KEY_SHA256.equals(hex.toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Signs the mail with DKIM (James's DKIMSign), warning while the public sample key is in use";
    }
}
