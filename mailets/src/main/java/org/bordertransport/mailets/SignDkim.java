package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.mailets.DKIMSign;
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
    private static final Logger LOGGER = LoggerFactory.getLogger(SignDkim.class);

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), PARAMETERS);
        String template = getInitParameter("signatureTemplate");
        if (template == null || template.isBlank()) {
            throw new MessagingException(getMailetName() + ": Missing parameter 'signatureTemplate': a DKIM-Signature"
                + " template such as " + TEMPLATE_EXAMPLE);
        }
        checkTemplate(template);
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

    /**
     * Signs as James's {@code DKIMSign} does, which prepends the signature by editing the header in place; the mail
     * then gets a new message of that header and the body as it is. Without it, James 3.8.1 re-saves the message at its
     * next write (RemoteDelivery's queue): a full MIME parse of every signed mail, and a {@code Date} or
     * {@code MIME-Version} added after the signature was made, which breaks it where the template signs them.
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        super.service(mail);
        try {
            HeaderReplacement.renew(mail);
        } catch (IOException e) {
            throw new MessagingException("Cannot write signed mail " + mail.getName(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Signs the mail with DKIM (James's DKIMSign), warning while the public sample key is in use";
    }
}
