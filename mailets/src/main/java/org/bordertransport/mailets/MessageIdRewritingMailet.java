package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.auth.DkimSignatures;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.InnerMessageIdException;
import org.bordertransport.core.messageid.InnerMessageIds;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdRewriter;
import org.bordertransport.james.ConvertedMessage;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.JamesDefaultDomain;
import org.bordertransport.james.MessageStreams;
import org.bordertransport.james.MimeHeaders;
import org.slf4j.LoggerFactory;

/**
 * What {@link ReplaceInternalMessageId} and {@link RestoreInternalMessageId} share: reading the key settings once in
 * {@link #init()}, and applying one direction of {@link MessageIdRewriter} to the header of each mail, and of
 * {@link InnerMessageIds} to the Message-IDs inside it (attached messages, returned headers, disposition
 * notifications). Only a message whose Content-Type may hold any is read ({@link InnerMessageIds#mayHoldInnerIds}),
 * and only one where something inside changes is written again (through a {@link ConvertedMessage} spool); a message
 * that cannot be read inside (a limit, a broken structure) goes on with its header rewritten only, logged and counted
 * ({@code border.messageid.inner.skipped}); {@code border.messageid.inner.rewritten} counts those rewritten inside.
 */
abstract class MessageIdRewritingMailet extends GenericMailet {
    private final JamesDefaultDomain defaultDomain;
    private final Metric insideRewritten;
    private final Metric insideSkipped;
    private MessageIdRewriter rewriter;
    private InnerMessageIds inner;

    MessageIdRewritingMailet(JamesDefaultDomain defaultDomain, MetricFactory metricFactory) {
        this.defaultDomain = defaultDomain;
        this.insideRewritten = metricFactory.generate("border.messageid.inner.rewritten");
        this.insideSkipped = metricFactory.generate("border.messageid.inner.skipped");
    }

    /** {@link MessageIdPrivacySettings#REPLACE_PARAMETERS} or {@link MessageIdPrivacySettings#RESTORE_PARAMETERS}. */
    abstract Set<String> parameterNames();

    /** One direction of the rewriter. */
    abstract MessageIdRewriter.Outcome rewrite(MessageIdRewriter rewriter, List<HeaderField> headers);

    /** The same direction for the Message-IDs inside the message. */
    abstract InnerMessageIds.Direction direction();

    /**
     * Counts and logs what a rewrite did, header and inside together (called for every mail, changed or not, but for
     * one left as it is to keep a DKIM signature): IDs replaced or restored, of those one-way, IDs left unverified.
     */
    abstract void record(Mail mail, int rewritten, int oneWay, int unverified);

    /** Logs the effective configuration once at startup. */
    abstract void describe(MessageIdPrivacySettings settings);

    /**
     * The guard of third-party DKIM signatures (parameter {@code thirdPartyDkim}): a rewrite that would change a field
     * covered by a signature that verifies now is left out. Null (the default) for a direction that needs none.
     */
    ThirdPartyDkim signatureGuard() {
        return null;
    }

    @Override
    public final void init() throws MessagingException {
        InitParameters parameters = MailetParameters.of(getMailetConfig(), parameterNames());
        MessageIdPrivacySettings settings;
        try {
            settings = MessageIdPrivacySettings.from(parameters.asMap(), parameterNames(), defaultDomain.get());
        } catch (IllegalArgumentException e) {
            throw parameters.failure(e.getMessage(), e);
        }
        rewriter = settings.rewriter();
        inner = new InnerMessageIds(rewriter, InnerMessageIds.LIMITS);
        if (signatureGuard() != null) {
            signatureGuard().configure(parameters);
        }
        if (settings.keys().containsSampleKey()) {
            // the shipped sample key protects nothing: say so loudly at every start
            LoggerFactory.getLogger(getClass()).warn("{}: 'keys' contains the PUBLIC SAMPLE KEY from the shipped"
                + " configuration: anybody can read internal host names back from public Message-IDs and forge them."
                + " Generate a key with 'bin/border message-id keygen' before going live.", getMailetName());
        }
        describe(settings);
    }

    @Override
    public final void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<HeaderField> before = MimeHeaders.read(message);
        // the rewriter has no expected failure: a RuntimeException is a bug, which the container routes as it is
        MessageIdRewriter.Outcome outcome = rewrite(rewriter, before);
        InnerMessageIds.Scan scan = scanInside(mail, message);
        boolean header = outcome.changed();
        boolean inside = scan != null && scan.changed();
        ThirdPartyDkim guard = signatureGuard();
        if ((header || inside) && guard != null && guard.preserve()) {
            DkimSignatures signatures = ThirdPartyDkim.signaturesOf(message);
            List<String> covered = new ArrayList<>();
            if (header) {
                for (String name : changedFields(before, outcome.headers())) {
                    if (signatures.covers(name)) {
                        covered.add(name);
                    }
                }
            }
            // a change inside the body always breaks a signature: its body hash
            if (!covered.isEmpty() || inside && !signatures.isEmpty()) {
                // only a signature that verifies keeps them: one our own RestoreInternalMessageId broke (a reply
                // redirected by Sieve) must not let internal IDs out, nor one that cannot be checked now
                ThirdPartyDkim.Check check = verify(guard, message, mail);
                if (check.status() == ThirdPartyDkim.Status.VERIFIES) {
                    guard.kept();
                    if (!covered.isEmpty()) {
                        LoggerFactory.getLogger(getClass()).info("Mail {}: Message-IDs left as they are: its {} covers"
                            + " {}", mail.getName(), check, covered);
                        return;
                    }
                    LoggerFactory.getLogger(getClass()).info("Mail {}: Message-IDs inside the message ({}) left as"
                        + " they are: its {} covers the body", mail.getName(), scan.changedBlocks(), check);
                    inside = false;
                } else if (check.protects()) {
                    guard.broken();
                    LoggerFactory.getLogger(getClass()).warn("Mail {}: internal Message-IDs replaced in {}, which"
                        + " its {} covers: internal host names never leave", mail.getName(),
                        inside ? changedWithBody(covered) : covered, check);
                }
            }
        }
        if (inside && rewriteInside(mail, message, scan)) {
            insideRewritten.increment();
            LoggerFactory.getLogger(getClass()).debug("Mail {}: Message-IDs inside the message rewritten in {}",
                mail.getName(), scan.changedBlocks());
            record(mail, outcome.rewritten() + scan.rewritten(), outcome.oneWay() + scan.oneWay(),
                outcome.unverified() + scan.unverified());
            return;
        }
        if (header) {
            MimeHeaders.writeChanges(message, before, outcome.headers());
        }
        record(mail, outcome.rewritten(), outcome.oneWay(),
            outcome.unverified() + (scan == null ? 0 : scan.unverified()));
    }

    private static List<String> changedWithBody(List<String> covered) {
        List<String> names = new ArrayList<>(covered);
        names.add("the body");
        return names;
    }

    /**
     * Finds the Message-IDs inside the message (attached messages, returned headers, disposition notifications), for
     * a message whose Content-Type may hold any; null when there is none to look at or it cannot be read (logged and
     * counted: the message goes on with its header rewritten only).
     */
    private InnerMessageIds.Scan scanInside(Mail mail, MimeMessage message) throws MessagingException {
        if (!InnerMessageIds.mayHoldInnerIds(message.getHeader("Content-Type", null))) {
            return null;
        }
        try (InputStream in = MessageStreams.of(message)) {
            return inner.scan(in, direction());
        } catch (InnerMessageIdException e) {
            insideSkipped(mail, e);
            return null;
        } catch (IOException e) {
            throw new MessagingException("Cannot read mail " + mail.getName() + " to rewrite the Message-IDs inside it",
                e);
        }
    }

    /**
     * Writes the message with its header and the blocks {@code scan} found rewritten, and makes it the mail's
     * message; false when it cannot be written after all (logged and counted: then only the header is rewritten).
     */
    private boolean rewriteInside(Mail mail, MimeMessage message, InnerMessageIds.Scan scan)
        throws MessagingException {
        try (ConvertedMessage result = ConvertedMessage.create()) {
            try (InputStream in = MessageStreams.of(message)) {
                inner.write(in, scan, result.output());
            }
            result.replaceMessageOf(mail);
            return true;
        } catch (InnerMessageIdException e) {
            insideSkipped(mail, e);
            return false;
        } catch (IOException e) {
            throw new MessagingException("Cannot rewrite the Message-IDs inside mail " + mail.getName(), e);
        }
    }

    private void insideSkipped(Mail mail, InnerMessageIdException e) {
        insideSkipped.increment();
        String line = "Mail {}: Message-IDs inside the message left as they are (its header rewritten only): {}";
        if (direction() == InnerMessageIds.Direction.TO_PUBLIC) {
            LoggerFactory.getLogger(getClass()).warn(line, mail.getName(), e.getMessage());
        } else {
            LoggerFactory.getLogger(getClass()).info(line, mail.getName(), e.getMessage());
        }
    }

    private static ThirdPartyDkim.Check verify(ThirdPartyDkim guard, MimeMessage message, Mail mail)
        throws MessagingException {
        try {
            return guard.check(message);
        } catch (IOException e) {
            throw new MessagingException("Cannot read mail " + mail.getName() + " to verify its DKIM signatures", e);
        }
    }

    /** The names (lower case) of the fields whose values differ between {@code before} and {@code after}. */
    static Set<String> changedFields(List<HeaderField> before, List<HeaderField> after) {
        Set<String> names = new TreeSet<>();
        for (HeaderField field : before) {
            names.add(field.name().toLowerCase(Locale.ROOT));
        }
        for (HeaderField field : after) {
            names.add(field.name().toLowerCase(Locale.ROOT));
        }
        names.removeIf(name -> valuesOf(before, name).equals(valuesOf(after, name)));
        return names;
    }

    private static List<String> valuesOf(List<HeaderField> fields, String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField field : fields) {
            if (field.hasName(name)) {
                values.add(field.value());
            }
        }
        return values;
    }
}
