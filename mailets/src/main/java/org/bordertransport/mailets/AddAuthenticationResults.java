package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.auth.AuthenticationResultsField;
import org.bordertransport.core.auth.DkimSignatures;
import org.bordertransport.core.auth.DkimVerifyResult;
import org.bordertransport.core.auth.DmarcAlignment;
import org.bordertransport.core.auth.DmarcRecord;
import org.bordertransport.james.ConvertedMessage;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.JamesDefaultDomain;
import org.bordertransport.james.MessageStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.net.InternetDomainName;

/**
 * Writes an RFC 8601 {@code Authentication-Results} field on mail from outside, with the SPF result that James's
 * {@code SPF} mailet recorded, the DKIM result of James's {@code DKIMVerify} mailet, and the DMARC alignment verdict
 * (RFC 7489), after removing every {@code Authentication-Results} field that claims our authserv-id (forged from
 * outside, RFC 8601 §5). Fields of other authserv-ids are kept where they are.
 *
 * <pre>
 * Authentication-Results: border.test;
 *         spf=pass smtp.mailfrom=example.com;
 *         dkim=none;
 *         dmarc=pass header.from=example.com
 * </pre>
 *
 * <ul>
 *   <li>{@code spf}: the result in the attribute {@value #SPF_RESULT_ATTRIBUTE} (James's {@code SPF} mailet), with
 *   the MAIL FROM domain; left out when the mail was not checked.</li>
 *   <li>{@code dkim}: the result James's {@code DKIMVerify} mailet recorded in the attribute
 *   {@value #DKIM_RESULT_ATTRIBUTE}: {@code pass header.i=IDENTITY} per passing signature, {@code fail} (with
 *   {@code header.i} when known) when none passed, {@code none} for unsigned mail; without that attribute,
 *   {@code none} when the mail has no {@code DKIM-Signature}, left out when it has one.</li>
 *   <li>{@code dmarc}: {@code none} when neither the From domain nor its organizational domain has a
 *   {@code _dmarc} TXT record (looked up through James's DNSService), {@code pass} when SPF passed for a MAIL FROM
 *   domain aligned with the From domain ({@code aspf}: relaxed unless {@code s}), or DKIM passed for an identity
 *   whose domain is aligned with it ({@code adkim}), else {@code fail}; left out when the mail has no single From
 *   domain, or is DKIM-signed without a DKIM result and SPF alone does not pass it. Organizational domains come from
 *   Guava's copy of the public suffix list.</li>
 * </ul>
 *
 * <p>The field goes on top of the header (RFC 8601 §5), above James's {@code Received} field. The message is
 * rewritten (header lines in order, body as received), which keeps every other field where it was.</p>
 *
 * <p>A DKIM signature whose {@code h=} names {@code Authentication-Results} (rare: RFC 8601 fields are meant to be
 * added on the way) is broken by the field written here, and by a forged field removed: both are done all the same
 * (RFC 8601 §5 requires the removal; the result is what this mailet is for), counted in {@code border.dkim.broken}
 * and logged at WARN.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>authservId</td><td>a domain name</td><td>James's default domain</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="from-outside" class="org.bordertransport.mailets.AddAuthenticationResults">
 *   <authservId>mx.example.com</authservId>
 * </mailet>
 * }</pre>
 */
public class AddAuthenticationResults extends GenericMailet {
    public static final String AUTHSERV_ID = "authservId";
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(AUTHSERV_ID);
    /** Where James's {@code SPF} mailet (james-server-mailets 3.8.1) records the SPF result of a mail. */
    public static final String SPF_RESULT_ATTRIBUTE = RewriteSenderSrs.SPF_RESULT_ATTRIBUTE;
    private static final AttributeName SPF_RESULT = AttributeName.of(SPF_RESULT_ATTRIBUTE);
    private static final Set<String> SPF_RESULTS = Set.of("pass", "fail", "softfail", "neutral", "none",
        "temperror", "permerror");
    /** Where James's {@code DKIMVerify} mailet (james-server-mailet-dkim 3.8.1) records the DKIM result of a mail. */
    public static final String DKIM_RESULT_ATTRIBUTE = "jDKIM.AUTHRESULT";
    private static final AttributeName DKIM_RESULT = AttributeName.of(DKIM_RESULT_ATTRIBUTE);
    private static final Logger LOGGER = LoggerFactory.getLogger(AddAuthenticationResults.class);
    private static final DmarcAlignment ALIGNMENT =
        DmarcAlignment.withOrganizationalDomains(AddAuthenticationResults::organizationalDomain);

    private final JamesDefaultDomain defaultDomain;
    private final DNSService dns;
    private final Metric added;
    private final Metric forgedRemoved;
    private final Metric brokenSignatures;
    private String authservId;

    @Inject
    public AddAuthenticationResults(DomainList domainList, DNSService dns, MetricFactory metricFactory) {
        this(JamesDefaultDomain.of(domainList), dns, metricFactory);
    }

    AddAuthenticationResults(JamesDefaultDomain defaultDomain, DNSService dns, MetricFactory metricFactory) {
        this.defaultDomain = defaultDomain;
        this.dns = dns;
        this.added = metricFactory.generate("border.authresults.added");
        this.forgedRemoved = metricFactory.generate("border.authresults.removed");
        this.brokenSignatures = metricFactory.generate("border.dkim.broken");
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        Optional<String> given = parameters.string(AUTHSERV_ID);
        String id = given.isPresent() ? given.get() : jamesDefaultDomain(parameters)
            .orElseThrow(() -> parameters.failure("Missing parameter '" + AUTHSERV_ID
                + "': James has no default domain; give a domain name such as mx.example.com", null));
        parameters.parse(AUTHSERV_ID, id, "a domain name such as mx.example.com", AuthenticationResultsField::of);
        authservId = id;
        LOGGER.info("{}: Authentication-Results as {}", getMailetName(), authservId);
    }

    private Optional<String> jamesDefaultDomain(InitParameters parameters) throws MessagingException {
        try {
            return defaultDomain.get();
        } catch (MessagingException e) {
            throw parameters.failure("Missing parameter '" + AUTHSERV_ID
                + "' and James's default domain cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        AuthenticationResultsField field = resultsOf(mail, message);
        List<String> lines = new ArrayList<>();
        lines.add(field.headerLine());
        int removed = 0;
        Enumeration<Header> headers = message.getAllHeaders();
        Enumeration<String> headerLines = message.getAllHeaderLines();
        while (headers.hasMoreElements() && headerLines.hasMoreElements()) {
            Header header = headers.nextElement();
            String line = headerLines.nextElement();
            if (header.getName().equalsIgnoreCase(AuthenticationResultsField.NAME)
                && AuthenticationResultsField.claims(header.getValue(), authservId)) {
                removed++;
            } else {
                lines.add(line);
            }
        }
        DkimSignatures signatures = ThirdPartyDkim.signaturesOf(message);
        rewrite(mail, message, lines);
        added.increment();
        forgedRemoved.add(removed);
        if (signatures.signatures().stream()
            .anyMatch(signature -> signature.signedFields().contains("authentication-results"))) {
            brokenSignatures.increment();
            LOGGER.warn("Mail {}: its {} covers Authentication-Results: the field written here breaks it",
                mail.getName(), signatures);
        }
        if (removed > 0) {
            LOGGER.info("Mail {}: {} Authentication-Results field(s) claiming {} removed", mail.getName(), removed,
                authservId);
        }
        LOGGER.debug("Mail {}: {}", mail.getName(), field.value());
    }

    private AuthenticationResultsField resultsOf(Mail mail, MimeMessage message) throws MessagingException {
        AuthenticationResultsField field = AuthenticationResultsField.of(authservId);
        Optional<String> mailFromDomain = mail.getMaybeSender().asOptional().map(MailAddress::getDomain)
            .map(domain -> domain.asString().toLowerCase(Locale.ROOT));
        Optional<String> spf = AttributeUtils.getValueAndCastFromMail(mail, SPF_RESULT, String.class)
            .map(result -> result.trim().toLowerCase(Locale.ROOT)).filter(SPF_RESULTS::contains);
        if (spf.isPresent()) {
            field = field.with("spf", spf.get(), "smtp.mailfrom", mailFromDomain);
        }
        boolean signed = message.getHeader("DKIM-Signature") != null;
        Optional<DkimVerifyResult> dkim = AttributeUtils.getValueAndCastFromMail(mail, DKIM_RESULT, String.class)
            .flatMap(DkimVerifyResult::parse);
        List<String> dkimPassDomains = new ArrayList<>();
        if (dkim.isPresent()) {
            DkimVerifyResult result = dkim.get();
            if (result.identities().isEmpty()) {
                field = field.with("dkim", result.kind().token(), "header.i", Optional.empty());
            }
            for (String identity : result.identities()) {
                field = field.with("dkim", result.kind().token(), "header.i", Optional.of(identity));
                if (result.kind() == DkimVerifyResult.Kind.PASS) {
                    dkimPassDomains.add(DkimVerifyResult.domainOf(identity));
                }
            }
        } else if (!signed) {
            field = field.with("dkim", "none", "header.i", Optional.empty());
        }
        boolean dkimUnknown = signed && dkim.isEmpty();
        Optional<String> fromDomain = fromDomain(message);
        if (fromDomain.isPresent()) {
            Optional<DmarcRecord> record = dmarcRecord(fromDomain.get());
            Optional<String> spfPass = spf.filter("pass"::equals).flatMap(result -> mailFromDomain);
            DmarcAlignment.Verdict verdict = ALIGNMENT.verdict(fromDomain.get(), record, spfPass, dkimPassDomains);
            if (verdict != DmarcAlignment.Verdict.FAIL || !dkimUnknown) {
                field = field.with("dmarc", verdict.token(), "header.from", fromDomain);
            }
        }
        return field;
    }

    /** The domain of the one address of the one From field; empty otherwise (RFC 7489 §6.6.1). */
    private static Optional<String> fromDomain(MimeMessage message) throws MessagingException {
        String[] from = message.getHeader("From");
        if (from == null || from.length != 1) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length != 1 || addresses[0].getAddress() == null) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            int at = address.lastIndexOf('@');
            String domain = at < 0 ? "" : address.substring(at + 1).trim().toLowerCase(Locale.ROOT);
            return domain.isEmpty() || domain.startsWith("[") ? Optional.empty() : Optional.of(domain);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    private Optional<DmarcRecord> dmarcRecord(String fromDomain) {
        for (String name : ALIGNMENT.recordNames(fromDomain)) {
            Collection<String> txt = dns.findTXTRecords(name);
            Optional<DmarcRecord> record = DmarcRecord.fromTxtRecords(txt == null ? List.of() : txt);
            if (record.isPresent()) {
                return record;
            }
        }
        return Optional.empty();
    }

    /**
     * The organizational domain of RFC 7489 §3.2, by the public suffix list; a top-level domain the list does not
     * know is a public suffix by the list's default rule {@code *} (so {@code a.b.test} has {@code b.test}).
     */
    static String organizationalDomain(String domain) {
        try {
            InternetDomainName name = InternetDomainName.from(domain);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            if (name.isPublicSuffix() || name.parts().size() < 2) {
                return domain;
            }
            List<String> parts = name.parts();
            return String.join(".", parts.subList(parts.size() - 2, parts.size()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return domain;
        }
    }

    private static void rewrite(Mail mail, MimeMessage message, List<String> headerLines) throws MessagingException {
        try (ConvertedMessage rewritten = ConvertedMessage.create()) {
            OutputStream out = rewritten.output();
            StringBuilder header = new StringBuilder(2048);
            for (String line : headerLines) {
                header.append(line).append("\r\n");
            }
            header.append("\r\n");
            out.write(header.toString().getBytes(MessageStreams.headerCharset(message)));
            try (InputStream body = message.getRawInputStream()) {
                body.transferTo(out);
            }
            rewritten.replaceMessageOf(mail);
        } catch (IOException e) {
            throw new MessagingException("Cannot write the Authentication-Results of mail " + mail.getName(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Adds Authentication-Results (SPF, DKIM, DMARC alignment), removing forged ones of ours";
    }
}
