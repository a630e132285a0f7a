package org.bordertransport.smtp;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.StandardSrs;
import org.bordertransport.james.FileResolver;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.ReloadContext;
import org.bordertransport.james.ReloadingFile;
import org.bordertransport.james.SrsSecretsFile;
import org.bordertransport.james.SrsVerifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP {@code RCPT TO} hook for SRS addresses of our domains, so forged ones are refused while the remote server is
 * still talking to us (no bounce, no backscatter) and genuine ones are accepted although no such mailbox exists:
 * <ul>
 *   <li>an address that is not SRS, or not in a domain James hosts: no opinion (the next handlers decide);</li>
 *   <li>an SRS address whose hash and age verify: accepted ({@code 250}) for a bounce ({@code MAIL FROM:<>}); for
 *   other mail refused with {@code 550 5.7.1} unless {@code nonBounce=reverse};</li>
 *   <li>a forged, expired or malformed one: {@code 550 5.1.1}.</li>
 * </ul>
 * It must come before {@code ValidRcptHandler} in {@code smtpserver.xml}, with the secrets of the SRS mailets:
 *
 * <pre>{@code
 * <handlerchain>
 *   <handler class="org.bordertransport.smtp.SrsRcptHook">
 *     <secretsFile>file://conf/srs-secrets</secretsFile>
 *   </handler>
 *   <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
 *   <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 * Parameters: {@code secretsFile} (default {@code file://conf/srs-secrets}), {@code maxAgeDays} (default 21),
 * {@code nonBounce} ({@code refuse} | {@code reverse}, default {@code refuse}), {@code reloadInterval} ({@code 0}:
 * never, or 1s to 24h, default 10s: how often the secrets file is checked for changes). Metrics:
 * {@code border.srs.rcpt.refused}; {@code border.srs.rcpt.failed} when the check itself fails (a bug): the
 * address is then answered with a temporary {@code 451 4.3.0}, never accepted nor refused for good.
 */
public class SrsRcptHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SrsRcptHook.class);
    static final String MAX_AGE_DAYS = "maxAgeDays";
    static final String NON_BOUNCE = "nonBounce";
    /** The parameters this hook accepts. */
    public static final Set<String> PARAMETERS = Set.of(SrsSecretsFile.PARAMETER, MAX_AGE_DAYS, NON_BOUNCE,
        ReloadContext.PARAMETER);

    private final FileResolver resolver;
    private final DomainList domainList;
    private final Metric refusedMetric;
    private final Metric shortSecrets;
    private final Clock clock;
    private final ReloadContext reload;
    private ReloadingFile<SrsVerifiers> srs;
    private boolean reverseNonBounces;

    @Inject
    public SrsRcptHook(FileSystem fileSystem, DomainList domainList, MetricFactory metricFactory) {
        this(fileSystem, domainList, metricFactory, Clock.systemUTC());
    }

    SrsRcptHook(FileSystem fileSystem, DomainList domainList, MetricFactory metricFactory, Clock clock) {
        this(fileSystem, domainList, metricFactory, clock, ReloadContext.of(metricFactory));
    }

    SrsRcptHook(FileSystem fileSystem, DomainList domainList, MetricFactory metricFactory, Clock clock,
                ReloadContext reload) {
        this.resolver = FileResolver.of(fileSystem);
        this.reload = reload;
        this.domainList = domainList;
        this.refusedMetric = metricFactory.generate("border.srs.rcpt.refused");
        this.shortSecrets = metricFactory.generate(SrsSecretsFile.SHORT_SECRET_METRIC);
        this.clock = clock;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> keys = config.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.startsWith("[@")) {
                values.put(key, config.getString(key));
            }
        }
        int maxAge;
        try {
            InitParameters parameters = InitParameters.of("SrsRcptHook", values, PARAMETERS);
            maxAge = parameters.integer(MAX_AGE_DAYS, StandardSrs.DEFAULT_MAX_AGE_DAYS, 1, StandardSrs.MAX_MAX_AGE_DAYS);
            reverseNonBounces = parameters.oneOf(NON_BOUNCE, "refuse", "refuse", "reverse").equals("reverse");
            int days = maxAge;
            srs = SrsSecretsFile.open("SrsRcptHook", resolver,
                parameters.string(SrsSecretsFile.PARAMETER, SrsSecretsFile.DEFAULT_LOCATION), shortSecrets, reload,
                ReloadContext.interval(parameters), secrets -> SrsVerifiers.of(secrets, days, clock));
        } catch (MessagingException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        LOGGER.info("SrsRcptHook: RCPT TO SRS addresses of our domains verified ({} secret(s), {} days)",
            srs.current().secretCount(), maxAge);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        return doRcpt(session, sender, rcpt);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        String address = rcpt.asString();
        boolean standardForm = StandardSrs.isSrsAddress(address);
        if (!standardForm && !Microsoft365Srs.isSrsAddress(address)) {
            return HookResult.DECLINED;
        }
        boolean ours;
        try {
            ours = domainList.containsDomain(rcpt.getDomain());
        } catch (DomainListException e) {
            LOGGER.warn("RCPT TO:<{}>: domain list unavailable ({}): left to the next handlers", rcpt, e.getMessage());
            return HookResult.DECLINED;
        }
        if (!ours) {
            return HookResult.DECLINED;
        }
        SrsVerifiers verifiers = srs.current();
        try {
            if (standardForm) {
                verifiers.standard().reverse(address);
            } else {
                verifiers.m365().reverse(address);
            }
        } catch (SrsException e) {
            refusedMetric.increment();
            LOGGER.info("RCPT TO:<{}> refused: {}", address, e.reason());
            return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
                .smtpDescription("5.1.1 <" + address + ">: no such address").build();
        }
        // any other exception is a bug, not a verdict on the address: it goes to James's SMTP server as it is
        if (!sender.isNullSender() && !reverseNonBounces) {
            refusedMetric.increment();
            return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
                .smtpDescription("5.7.1 <" + address + ">: this address only takes delivery status notifications")
                .build();
        }
        return HookResult.builder().hookReturnCode(HookReturnCode.ok()).smtpReturnCode("250")
            .smtpDescription("2.1.5 Recipient <" + address + "> OK").build();
    }
}
