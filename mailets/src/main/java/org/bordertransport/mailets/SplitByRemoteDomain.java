package org.bordertransport.mailets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainSettings;
import org.bordertransport.james.FileResolver;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.ReloadContext;
import org.bordertransport.james.ReloadingFile;
import org.bordertransport.james.RemoteDomainPolicyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bifurcation, as Exchange does it: a mail whose recipients have different effective settings (their remote domains,
 * with the per-recipient entries of the file laid over them) is split into one mail per group of recipients that share
 * settings, so that each group can be converted for its own settings. Recipients with equal settings stay in one mail,
 * whatever their remote domain; two recipients of one domain, one with a per-recipient entry that changes something,
 * get two.
 *
 * <p>The first group stays in this mail and goes on; every other group is a copy sent back to the current
 * processor, where it reaches this mailet again as a single group and goes on. Put it in the processor that ends in
 * RemoteDelivery, before the per-domain conversions (only remote recipients arrive there).</p>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>policyFile</td><td>the remote-domain file, James FileSystem notation</td>
 *       <td>{@code file://conf/remotedomains.xml}</td></tr>
 *   <tr><td>reloadInterval</td><td>0 (never) or 1s to 24h: how often the file is checked for changes</td>
 *       <td>10s</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="org.bordertransport.mailets.SplitByRemoteDomain">
 *   <policyFile>file://conf/remotedomains.xml</policyFile>
 * </mailet>
 * }</pre>
 */
public class SplitByRemoteDomain extends GenericMailet {
    /** The parameters this mailet accepts. */
    public static final Set<String> PARAMETERS = Set.of(RemoteDomainPolicyFile.PARAMETER, ReloadContext.PARAMETER);
    private static final Logger LOGGER = LoggerFactory.getLogger(SplitByRemoteDomain.class);

    private final FileResolver resolver;
    private final Metric splits;
    private final ReloadContext reload;
    private ReloadingFile<RemoteDomainPolicy> policy;

    @Inject
    public SplitByRemoteDomain(FileSystem fileSystem, MetricFactory metricFactory) {
        this(FileResolver.of(fileSystem), metricFactory);
    }

    SplitByRemoteDomain(FileResolver resolver, MetricFactory metricFactory) {
        this(resolver, metricFactory, ReloadContext.of(metricFactory));
    }

    SplitByRemoteDomain(FileResolver resolver, MetricFactory metricFactory, ReloadContext reload) {
        this.resolver = resolver;
        this.reload = reload;
        this.splits = metricFactory.generate("border.remotedomain.split");
    }

    @Override
    public void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        String location = parameters.string(RemoteDomainPolicyFile.PARAMETER, RemoteDomainPolicyFile.DEFAULT_LOCATION);
        Duration interval = ReloadContext.interval(parameters);
        policy = RemoteDomainPolicyFile.open(getMailetName(), resolver, location, reload, interval);
        LOGGER.info("{}: {} remote domains and {} per-recipient entries from {}", getMailetName(),
            policy.current().remoteDomains().size(), policy.current().recipients().size(), location);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        RemoteDomainPolicy current = policy.current();
        Map<RemoteDomainSettings, List<MailAddress>> groups = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            RemoteDomainSettings settings = RemoteDomainPolicyFile.settingsFor(current, recipient);
            groups.computeIfAbsent(settings, s -> new ArrayList<>()).add(recipient);
        }
        if (groups.size() <= 1) {
            return;
        }
        Iterator<List<MailAddress>> others = groups.values().iterator();
        others.next();
        List<MailAddress> remaining = new ArrayList<>(mail.getRecipients());
        while (others.hasNext()) {
            List<MailAddress> group = others.next();
            send(mail, group);
            // after each copy is safely queued: should a later one fail, this mail still holds every recipient not
            // yet sent, for the error processor; nobody is lost, nobody gets two copies
            remaining.removeAll(group);
            mail.setRecipients(remaining);
        }
        splits.increment();
        LOGGER.info("Mail {} split into {} copies for remote domains with different settings", mail.getName(),
            groups.size());
    }

    private void send(Mail mail, Collection<MailAddress> recipients) throws MessagingException {
        Mail copy = mail.duplicate();
        try {
            copy.setRecipients(recipients);
            getMailetContext().sendMail(copy, mail.getState());
        } finally {
            LifecycleUtil.dispose(copy);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Splits a mail per group of recipients whose remote domains have different settings";
    }
}
