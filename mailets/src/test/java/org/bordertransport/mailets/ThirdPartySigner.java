package org.bordertransport.mailets;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.mailets.MockPublicKeyRecordRetriever;

/**
 * A third party, {@code sender.example}, that DKIM-signs its mail (jDKIM's signer, selector {@code sel}, a key made
 * for the test run), and the key retrievers a mailet may meet: one that serves its key, one that serves another key
 * (the signature fails), one whose DNS is down (it cannot be checked).
 */
final class ThirdPartySigner {
    static final String DOMAIN = "sender.example";
    static final String SELECTOR = "sel";
    private static final String FIELDS = "from:to:subject:date:message-id:mime-version:content-type:"
        + "content-transfer-encoding";
    private static final KeyPair KEY = generate();
    private static final KeyPair OTHER_KEY = generate();

    private ThirdPartySigner() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code raw} (CRLF line ends) with a {@code DKIM-Signature} of sender.example on top. */
    static String sign(String raw) throws Exception {
        return sign(raw, FIELDS);
    }

    /** As {@link #sign(String)}, the signature covering {@code fields} ({@code h=}, colon-separated). */
    static String sign(String raw, String fields) throws Exception {
        String template = "v=1; s=" + SELECTOR + "; d=" + DOMAIN + "; h=" + fields
            + "; a=rsa-sha256; c=relaxed/simple; bh=; b=;";
        String field = new DKIMSigner(template, KEY.getPrivate())
            .sign(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return field + "\r\n" + raw;
    }

    private static PublicKeyRecordRetriever serving(KeyPair key) {
        return new MockPublicKeyRecordRetriever("v=DKIM1; k=rsa; p="
            + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()), SELECTOR, DOMAIN);
    }

    /** DNS that serves sender.example's key: its signatures verify. */
    static PublicKeyRecordRetriever keys() {
        return serving(KEY);
    }

    /** DNS that serves another key: its signatures fail for good. */
    static PublicKeyRecordRetriever wrongKeys() {
        return serving(OTHER_KEY);
    }

    /** DNS that times out: its signatures cannot be checked now. */
    static PublicKeyRecordRetriever dnsDown() {
        return (method, selector, domain) -> {
            throw new TempFailException("DNS timeout");
        };
    }

    /** A retriever a test that signs nothing never reaches. */
    static PublicKeyRecordRetriever unused() {
        return (method, selector, domain) -> {
            throw new AssertionError("no DKIM key lookup expected, asked for " + selector + "._domainkey." + domain);
        };
    }
}
