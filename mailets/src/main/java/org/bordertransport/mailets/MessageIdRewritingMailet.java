package org.bordertransport.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.auth.DkimSignatures;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdRewriter;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.JamesDefaultDomain;
import org.bordertransport.james.MimeHeaders;
import org.slf4j.LoggerFactory;

/**
 * What {@link ReplaceInternalMessageId} and {@link RestoreInternalMessageId} share: reading the key settings once in
 * {@link #init()}, and applying one direction of {@link MessageIdRewriter} to the header of each mail.
 */
abstract class MessageIdRewritingMailet extends GenericMailet {
    private final JamesDefaultDomain defaultDomain;
    private MessageIdRewriter rewriter;

    MessageIdRewritingMailet(JamesDefaultDomain defaultDomain) {
        this.defaultDomain = defaultDomain;
    }

    /** {@link MessageIdPrivacySettings#REPLACE_PARAMETERS} or {@link MessageIdPrivacySettings#RESTORE_PARAMETERS}. */
    abstract Set<String> parameterNames();

    /** One direction of the rewriter. */
    abstract MessageIdRewriter.Outcome rewrite(MessageIdRewriter rewriter, List<HeaderField> headers);

    /** Counts and logs what a rewrite did (called for every mail, changed or not). */
    abstract void record(Mail mail, MessageIdRewriter.Outcome outcome);

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
        if (outcome.changed()) {
            ThirdPartyDkim guard = signatureGuard();
            if (guard != null && guard.preserve()) {
                DkimSignatures signatures = ThirdPartyDkim.signaturesOf(message);
                List<String> covered = new ArrayList<>();
                for (String name : changedFields(before, outcome.headers())) {
                    if (signatures.covers(name)) {
                        covered.add(name);
                    }
                }
                if (!covered.isEmpty()) {
                    // only a signature that verifies keeps them: one our own RestoreInternalMessageId broke (a reply
                    // redirected by Sieve) must not let internal IDs out, nor one that cannot be checked now
                    ThirdPartyDkim.Check check = verify(guard, message, mail);
                    if (check.status() == ThirdPartyDkim.Status.VERIFIES) {
                        guard.kept();
                        LoggerFactory.getLogger(getClass()).info("Mail {}: Message-IDs left as they are: its {} covers"
                            + " {}", mail.getName(), check, covered);
                        return;
                    }
                    if (check.protects()) {
                        guard.broken();
                        LoggerFactory.getLogger(getClass()).warn("Mail {}: internal Message-IDs replaced in {}, which"
                            + " its {} covers: internal host names never leave", mail.getName(), covered, check);
                    }
                }
            }
            MimeHeaders.writeChanges(message, before, outcome.headers());
        }
        record(mail, outcome);
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
