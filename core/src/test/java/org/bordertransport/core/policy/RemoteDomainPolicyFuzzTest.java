package org.bordertransport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.MissingResourceException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.stream.XMLStreamException;

import org.bordertransport.core.fuzzing.FuzzSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the remote-domain policy loader ({@link RemoteDomainPolicyLoader}, the reader of
 * {@code conf/remotedomains.xml}), then uses what it loaded: resolves a few domains and recipients.
 *
 * <p>Allowed: a policy, or the loader's documented refusal, an {@link IllegalArgumentException} exactly (not a
 * subclass such as {@code NumberFormatException}) whose message starts with the source name, caused by nothing, by
 * the loader's own {@code IllegalArgumentException} or by the XML parser's {@link XMLStreamException} (or the
 * {@link MissingResourceException} the JDK's parser throws for some broken DOCTYPEs, which the loader wraps).
 * Anything else is a finding. Input: the file's octets. Seeds: {@code RemoteDomainPolicyFuzzTestInputs/load/}.</p>
 */
class RemoteDomainPolicyFuzzTest {
    private static final String SOURCE = "remotedomains.xml";
    private static final String[] DOMAINS = {"example.com", "plaintext.example.net", "a.carrier.example.jp",
        "carrier.example.jp", "", "xn--bcher-kva.example", "UPPER.EXAMPLE.NET", "."};
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @FuzzTest
    @Timeout(value = FuzzSupport.PER_INPUT_TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
    @DictionaryEntries({"<remoteDomains>", "</remoteDomains>", "<remoteDomain ", "</remoteDomain>", "<recipient ",
        "</recipient>", "name=\"", "domain=\"", "address=\"", "*.", "<ContentType>", "MimeHtmlText", "MimeText",
        "<MessageFormat>", "<CharacterSet>", "iso-2022-jp", "<NonMimeCharacterSet>", "<LineWrapSize>", "Unlimited",
        "<ByteEncoderTypeFor7BitCharsets>", "<PreferredInternetCodePageForShiftJis>", "<TNEFEnabled>",
        "<AllowedOOFType>", "<UseMapiRichTextFormat>", "<MessageBodyFormat>", "<UsePreferMessageFormat>",
        "<SevenBitOnly>", "true", "false", "<![CDATA[", "&amp;", "&#x", "<!--", "<?xml"})
    void load(byte[] input) {
        INVOCATIONS.incrementAndGet();
        if (!FuzzSupport.fits(input)) {
            return;
        }
        RemoteDomainPolicy policy;
        try {
            policy = RemoteDomainPolicyLoader.parse(new ByteArrayInputStream(input), SOURCE);
        } catch (IllegalArgumentException e) {
            assertThat(e).as("refusal").hasMessageStartingWith(SOURCE + ": ");
            assertThat(e.getClass()).as("refusal type").isEqualTo(IllegalArgumentException.class);
            Throwable cause = e.getCause();
            if (cause != null) {
                assertThat(cause.getClass()).as("refusal cause of: %s", e.getMessage())
                    .isIn(IllegalArgumentException.class, XMLStreamException.class);
                if (cause.getCause() != null && cause instanceof IllegalArgumentException) {
                    assertThat(cause.getCause()).as("refusal cause of: %s", e.getMessage())
                        .isInstanceOfAny(XMLStreamException.class, IllegalArgumentException.class,
                            MissingResourceException.class);
                }
            }
            return;
        }
        assertThat(policy.defaultDomain()).isNotNull();
        for (String domain : DOMAINS) {
            assertThat(policy.settingsFor(domain)).isNotNull();
            assertThat(policy.settingsForRecipient("user@" + domain)).isNotNull();
        }
        for (RecipientEntry recipient : policy.recipients()) {
            assertThat(policy.resolveRecipient(recipient.address()).recipient()).isPresent();
        }
    }

    @AfterAll
    static void everySeedWasReplayed() {
        FuzzSupport.checkReplayed(RemoteDomainPolicyFuzzTest.class, "load", INVOCATIONS.get());
    }
}
