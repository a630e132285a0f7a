package org.bordertransport.mailets;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.srs.HashAlphabet;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsForward;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;
import org.bordertransport.james.FileResolver;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.JamesDefaultDomain;
import org.bordertransport.james.ReloadContext;
import org.bordertransport.james.ReloadingFile;
import org.bordertransport.james.RemoteDomainPolicyFile;
import org.bordertransport.james.SrsSecretsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the envelope sender (MAIL FROM, never the {@code From} header, DKIM signatures or the body) of mail leaving
 * for remote recipients with the Sender Rewriting Scheme, so the receiving server's SPF check sees a domain of
 * ours and bounces can be routed back:
 * <ul>
 *   <li>forwarded mail ({@link RecordForwards} recorded the forwarding mailbox; for James's {@code Forward},
 *   {@code Redirect} and {@code Resend}, {@link RecordForwardingMailbox}; for a Sieve {@code redirect},
 *   {@link RecordDeliveryMailbox}'s header, else the last {@code Delivered-To} header naming a local mailbox): {@code format=m365} gives
 *   {@code john.work+SRS=hash=ts=fabrikam.com=bob@contoso.com} (or {@code bounces+SRS=hash=ts@contoso.com} when the
 *   local part would exceed 64 characters); {@code format=srs0} gives postsrsd's
 *   {@code SRS0=HHHH=TT=fabrikam.com=bob@srsDomain} (SRS1 for an SRS0 sender);</li>
 *   <li>other relayed mail (an on-premises server or an authorised network sending for a domain James does not
 *   host): {@code bounces+SRS=hash=ts@srsDomain} ({@code m365}), or SRS0 ({@code srs0}).</li>
 * </ul>
 * Never rewritten: the null sender, senders in domains James hosts, senders already rewritten by us, and mail whose
 * recipients are all in trusted destinations: remote domains with {@code IsInternal=true} in the policy file (unless
 * {@code rewriteInternal=true}) or listed in {@code trustedDomains}. A sender that cannot be rewritten (a non-ASCII
 * local part, say) leaves as it is, with a WARN line and the metric {@code border.srs.failed}. Other metrics:
 * {@code border.srs.rewritten}, {@code border.srs.skipped}.
 *
 * <p>SPF before SRS, as Microsoft 365 does since July 2021: mail whose SPF result, recorded by James's {@code SPF}
 * mailet in the attribute {@value #SPF_RESULT_ATTRIBUTE} for mail from outside, is {@code fail} is not given an
 * SPF-passing address of ours. {@code spfFail=keep} (default) leaves its sender as it is (metric
 * {@code border.srs.spf-fail-kept}); {@code refuse} sends the mail to the processor {@code spfFailProcessor} (metric
 * {@code border.srs.spf-fail-refused}); {@code rewrite} rewrites it as any other. Every other result
 * ({@code pass}, {@code softfail}, {@code neutral}, {@code none}, {@code temperror}, {@code permerror}) and mail
 * without a result (our own users, authorised networks) are rewritten as before.</p>
 *
 * <p>Secrets come from {@code secretsFile} (one per line: the first signs, all verify, like postsrsd's); they are
 * never logged. A changed file is used from the next check on ({@code reloadInterval}): a new first line signs new
 * addresses while the older lines still verify bounces. SRS does not fix DMARC for forwarded mail: the {@code From}
 * header keeps the author's domain.</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>secretsFile</td><td>James FileSystem notation</td><td>{@code file://conf/srs-secrets}</td></tr>
 *   <tr><td>format</td><td>m365 | srs0</td><td>m365</td></tr>
 *   <tr><td>srsDomain</td><td>a domain of ours (relay form, srs0)</td><td>James's default domain</td></tr>
 *   <tr><td>hashLength</td><td>m365: 5-16; srs0: 4-26</td><td>m365 8, srs0 4</td></tr>
 *   <tr><td>alphabet</td><td>urlsafe | standard (srs0: base64 {@code -_} or postsrsd 1.x {@code +/})</td>
 *       <td>urlsafe</td></tr>
 *   <tr><td>policyFile</td><td>remote-domain file (IsInternal)</td><td>{@code file://conf/remotedomains.xml}</td></tr>
 *   <tr><td>reloadInterval</td><td>0 (never) or 1s to 24h: how often both files are checked for changes</td>
 *       <td>10s</td></tr>
 *   <tr><td>trustedDomains</td><td>comma-separated recipient domains never rewritten</td><td>none</td></tr>
 *   <tr><td>rewriteInternal</td><td>true | false</td><td>false</td></tr>
 *   <tr><td>spfFail</td><td>keep | refuse | rewrite (mail whose SPF result is fail)</td><td>keep</td></tr>
 *   <tr><td>spfFailProcessor</td><td>processor for spfFail=refuse (required then, refused otherwise)</td>
 *       <td>none</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.RewriteSenderSrs">
 *   <secretsFile>file://conf/srs-secrets</secretsFile>
 *   <spfFail>keep</spfFail>
 * </mailet>
 * }</pre>
 */
public class RewriteSenderSrs extends GenericMailet {
    static final String FORMAT = "format";
    static final String SRS_DOMAIN = "srsDomain";
    static final String HASH_LENGTH = "hashLength";
    static final String ALPHABET = "alphabet";
    static final String TRUSTED_DOMAINS = "trustedDomains";
    static final String REWRITE_INTERNAL = "rewriteInternal";
    static final String SPF_FAIL = "spfFail";
    static final String SPF_FAIL_PROCESSOR = "spfFailProcessor";
    /** Where James's {@code SPF} mailet (james-server-mailets 3.8.1) records the SPF result of a mail. */
    public static final String SPF_RESULT_ATTRIBUTE = "org.apache.james.transport.mailets.spf.result";
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(SrsSecretsFile.PARAMETER, FORMAT, SRS_DOMAIN, HASH_LENGTH,
        ALPHABET, RemoteDomainPolicyFile.PARAMETER, TRUSTED_DOMAINS, REWRITE_INTERNAL, SPF_FAIL, SPF_FAIL_PROCESSOR,
        ReloadContext.PARAMETER);
    private static final AttributeName SPF_RESULT = AttributeName.of(SPF_RESULT_ATTRIBUTE);
    private static final String KEEP = "keep";
    private static final String REFUSE = "refuse";
    private static final String REWRITE = "rewrite";
    private static final Logger LOGGER = LoggerFactory.getLogger(RewriteSenderSrs.class);

    private final FileResolver resolver;
    private final JamesDefaultDomain defaultDomain;
    private final Clock clock;
    private final Metric rewritten;
    private final Metric shortSecrets;
    private final Metric skipped;
    private final Metric failed;
    private final Metric spfFailKept;
    private final Metric spfFailRefused;
    private final ReloadContext reload;
    private ReloadingFile<Signer> srs;
    private ReloadingFile<RemoteDomainPolicy> policy;
    private Set<String> trustedDomains;
    private boolean rewriteInternal;
    private String spfFail = KEEP;
    private Optional<String> spfFailProcessor = Optional.empty();

    @Inject
    public RewriteSenderSrs(FileSystem fileSystem, DomainList domainList, MetricFactory metricFactory) {
        this(FileResolver.of(fileSystem), JamesDefaultDomain.of(domainList),
            metricFactory, Clock.systemUTC());
    }

    RewriteSenderSrs(FileResolver resolver, JamesDefaultDomain defaultDomain,
                     MetricFactory metricFactory, Clock clock) {
        this(resolver, defaultDomain, metricFactory, clock, ReloadContext.of(metricFactory));
    }

    RewriteSenderSrs(FileResolver resolver, JamesDefaultDomain defaultDomain,
                     MetricFactory metricFactory, Clock clock, ReloadContext reload) {
        this.resolver = resolver;
        this.reload = reload;
        this.defaultDomain = defaultDomain;
        this.clock = clock;
        this.rewritten = metricFactory.generate("border.srs.rewritten");
        this.skipped = metricFactory.generate("border.srs.skipped");
        this.failed = metricFactory.generate("border.srs.failed");
        this.spfFailKept = metricFactory.generate("border.srs.spf-fail-kept");
        this.spfFailRefused = metricFactory.generate("border.srs.spf-fail-refused");
        this.shortSecrets = metricFactory.generate(SrsSecretsFile.SHORT_SECRET_METRIC);
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        String format = parameters.oneOf(FORMAT, "m365", "m365", "srs0");
        String alphabetName = parameters.oneOf(ALPHABET, "urlsafe", "urlsafe", "standard");
        HashAlphabet alphabet = alphabetName.equals("standard") ? HashAlphabet.STANDARD : HashAlphabet.URL_SAFE;
        boolean m365Format = format.equals("m365");
        Optional<Integer> hashLength = parameters.integer(HASH_LENGTH,
            m365Format ? Microsoft365Srs.MIN_HASH_LENGTH : StandardSrs.MIN_HASH_LENGTH,
            m365Format ? Microsoft365Srs.MAX_HASH_LENGTH : StandardSrs.MAX_HASH_LENGTH);
        rewriteInternal = parameters.bool(REWRITE_INTERNAL, false);
        trustedDomains = parameters.domains(TRUSTED_DOMAINS);
        spfFail = parameters.oneOf(SPF_FAIL, KEEP, KEEP, REFUSE, REWRITE);
        if (spfFail.equals(REFUSE)) {
            spfFailProcessor = Optional.of(parameters.processor(SPF_FAIL_PROCESSOR,
                "name the processor that takes mail failing SPF when spfFail=refuse"));
        } else if (parameters.string(SPF_FAIL_PROCESSOR).isPresent()) {
            throw parameters.failure("Invalid parameter '" + SPF_FAIL_PROCESSOR + "': only used with " + SPF_FAIL
                + "=refuse (" + SPF_FAIL + " is " + spfFail + ")", null);
        } else {
            spfFailProcessor = Optional.empty();
        }
        String domain = srsDomain(parameters);
        Duration interval = ReloadContext.interval(parameters);
        srs = SrsSecretsFile.open(getMailetName(), resolver,
            parameters.string(SrsSecretsFile.PARAMETER, SrsSecretsFile.DEFAULT_LOCATION), shortSecrets, reload, interval,
            secrets -> signer(parameters, secrets, m365Format, domain, hashLength, alphabet));
        policy = RemoteDomainPolicyFile.open(getMailetName(), resolver, parameters.string(
            RemoteDomainPolicyFile.PARAMETER, RemoteDomainPolicyFile.DEFAULT_LOCATION), reload, interval);
        LOGGER.info("{}: SRS format {} on {} with {} secret(s); trusted destinations: IsInternal remote domains{}{}; "
            + "SPF fail: {}", getMailetName(), format, domain, srs.current().secrets,
            rewriteInternal ? " (rewritten anyway)" : "", trustedDomains.isEmpty() ? "" : ", " + trustedDomains,
            spfFailProcessor.map(p -> "refuse to processor " + p).orElse(spfFail));
    }

    /** The SRS engine of {@code format} for these secrets (at startup and at each reload of the secrets). */
    private Signer signer(InitParameters parameters, SrsSecrets secrets, boolean m365Format, String domain,
                          Optional<Integer> hashLength, HashAlphabet alphabet) throws MessagingException {
        try {
            if (m365Format) {
                Microsoft365Srs.Builder builder = Microsoft365Srs.builder(secrets, domain).clock(clock);
                hashLength.ifPresent(builder::hashLength);
                return new Signer(builder.build(), null, secrets.count());
            }
            StandardSrs.Builder builder = StandardSrs.builder(secrets, domain).clock(clock).alphabet(alphabet);
            hashLength.ifPresent(builder::hashLength);
            return new Signer(null, builder.build(), secrets.count());
        } catch (IllegalArgumentException e) {
            throw parameters.failure(e.getMessage(), e);
        }
    }

    /** {@code srsDomain}, else James's default domain; a domain list that cannot be read is not "no default domain". */
    private String srsDomain(InitParameters parameters) throws MessagingException {
        Optional<String> given = parameters.string(SRS_DOMAIN);
        if (given.isPresent()) {
            return given.get();
        }
        Optional<String> jamesDefault;
        try {
            jamesDefault = defaultDomain.get();
        } catch (MessagingException e) {
            throw parameters.failure("Invalid parameter '" + SRS_DOMAIN + "': missing, and James's default domain "
                + "cannot be read: " + e.getMessage(), e);
        }
        return jamesDefault.orElseThrow(() -> parameters.failure("Invalid parameter '" + SRS_DOMAIN
            + "': missing, and James has no default domain to use instead", null));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isEmpty() || getMailetContext().isLocalServer(sender.get().getDomain())
            || mail.getRecipients().isEmpty() || allTrusted(mail)) {
            skipped.increment();
            return;
        }
        if (!spfFail.equals(REWRITE) && failsSpf(mail)) {
            if (spfFailProcessor.isPresent()) {
                spfFailRefused.increment();
                LOGGER.info("Mail {}: SPF fail for the sender's domain {}: not rewritten, sent to processor {}",
                    mail.getName(), sender.get().getDomain().asString(), spfFailProcessor.get());
                mail.setState(spfFailProcessor.get());
            } else {
                spfFailKept.increment();
                LOGGER.info("Mail {}: SPF fail for the sender's domain {}: envelope sender kept, not rewritten",
                    mail.getName(), sender.get().getDomain().asString());
            }
            return;
        }
        Optional<String> forwarder = forwardingMailbox(mail);
        SrsForward result;
        try {
            Signer signer = srs.current();
            if (signer.m365 != null) {
                result = forwarder.isPresent() ? signer.m365.forward(sender.get().asString(), forwarder.get())
                    : signer.m365.relay(sender.get().asString());
            } else {
                result = signer.standard.forward(sender.get().asString());
            }
        } catch (SrsException e) {
            failed.increment();
            LOGGER.warn("Mail {}: envelope sender {} cannot be rewritten ({}); it leaves unchanged", mail.getName(),
                sender.get(), e.getMessage());
            return;
        }
        if (!result.isRewritten()) {
            skipped.increment();
            return;
        }
        if (!(mail instanceof MailImpl)) {
            failed.increment();
            LOGGER.warn("Mail {}: a {} cannot take a new envelope sender; sender left unchanged", mail.getName(),
                mail.getClass().getName());
            return;
        }
        try {
            ((MailImpl) mail).setSender(new MailAddress(result.address()));
        } catch (AddressException e) {
            failed.increment();
            LOGGER.warn("Mail {}: SRS address {} is not a valid address for James ({}); sender left unchanged",
                mail.getName(), result.address(), e.getMessage());
            return;
        }
        ForwardingMailbox.clear(mail);
        // internal bookkeeping of RecordDeliveryMailbox: it does not leave
        RemoveDeliveryMailbox.removeFrom(mail);
        rewritten.increment();
        LOGGER.debug("Mail {}: envelope sender {} -> {}{}", mail.getName(), sender.get(), result.address(),
            forwarder.map(f -> " (forwarded by " + f + ")").orElse(""));
    }

    /** James's SPF mailet said {@code fail}; any other result, or none (mail not checked), is not a failure. */
    private static boolean failsSpf(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, SPF_RESULT, String.class)
            .map(result -> result.trim().equalsIgnoreCase("fail"))
            .orElse(false);
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return spfFailProcessor.map(p -> Set.of(new ProcessingState(p))).orElse(Set.of());
    }

    private boolean allTrusted(Mail mail) {
        RemoteDomainPolicy current = policy.current();
        for (MailAddress recipient : mail.getRecipients()) {
            String domain = recipient.getDomain().asString().toLowerCase(Locale.ROOT);
            boolean trusted = trustedDomains.contains(domain)
                || !rewriteInternal && current.settingsFor(domain).isInternal();
            if (!trusted) {
                return false;
            }
        }
        return true;
    }

    /** The local mailbox whose forward produced this mail's recipients, if it can be known. */
    private Optional<String> forwardingMailbox(Mail mail) throws MessagingException {
        Map<String, String> forwards = RecordForwards.parse(mail);
        for (MailAddress recipient : mail.getRecipients()) {
            String forwarder = forwards.get(recipient.asString().toLowerCase(Locale.ROOT));
            if (forwarder != null) {
                return Optional.of(forwarder);
            }
        }
        Optional<MailAddress> ruleForwarder = ForwardingMailbox.read(mail)
            .filter(address -> getMailetContext().isLocalServer(address.getDomain()));
        if (ruleForwarder.isPresent()) {
            return Optional.of(ruleForwarder.get().asString());
        }
        String[] recorded = mail.getMessage() == null ? null
            : mail.getMessage().getHeader(RecordDeliveryMailbox.HEADER);
        if (recorded != null && recorded.length == 1) {
            try {
                MailAddress address = new MailAddress(recorded[0].trim());
                if (getMailetContext().isLocalServer(address.getDomain())) {
                    return Optional.of(address.asString());
                }
            } catch (AddressException e) {
                // not an address: ignored
            }
        }
        String[] deliveredTo = mail.getMessage() == null ? null : mail.getMessage().getHeader("Delivered-To");
        if (deliveredTo != null) {
            for (int i = deliveredTo.length - 1; i >= 0; i--) {
                try {
                    MailAddress address = new MailAddress(deliveredTo[i].trim());
                    if (getMailetContext().isLocalServer(address.getDomain())) {
                        return Optional.of(address.asString());
                    }
                } catch (AddressException e) {
                    // not an address: look at the earlier ones
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String getMailetInfo() {
        return "Rewrites the envelope sender of forwarded and relayed mail with SRS";
    }

    /** The engine of {@code format} (the other is null), built from the secrets in use. */
    private static final class Signer {
        private final Microsoft365Srs m365;
        private final StandardSrs standard;
        private final int secrets;

        Signer(Microsoft365Srs m365, StandardSrs standard, int secrets) {
            this.m365 = m365;
            this.standard = standard;
            this.secrets = secrets;
        }
    }
}
