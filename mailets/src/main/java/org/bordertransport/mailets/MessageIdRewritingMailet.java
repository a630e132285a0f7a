package org.bordertransport.mailets;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.bordertransport.core.mail.HeaderField;
import org.bordertransport.core.messageid.MessageIdPrivacySettings;
import org.bordertransport.core.messageid.MessageIdRewriter;

/**
 * What {@link ReplaceInternalMessageId} and {@link RestoreInternalMessageId} share: reading the key settings once in
 * {@link #init()}, and applying one direction of {@link MessageIdRewriter} to the header of each mail.
 */
abstract class MessageIdRewritingMailet extends GenericMailet {
    private final AddMessageId.DefaultDomain defaultDomain;
    private MessageIdRewriter rewriter;

    MessageIdRewritingMailet(AddMessageId.DefaultDomain defaultDomain) {
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

    @Override
    public final void init() throws MessagingException {
        Map<String, String> parameters = MailetParameters.of(getMailetConfig());
        MessageIdPrivacySettings settings;
        try {
            settings = MessageIdPrivacySettings.from(parameters, parameterNames(), defaultDomain.get());
        } catch (IllegalArgumentException e) {
            throw MailetParameters.invalid(getMailetName(), e);
        }
        rewriter = settings.rewriter();
        MailetParameters.warnOnSampleKey(getMailetName(), settings.keys());
        describe(settings);
    }

    @Override
    public final void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<HeaderField> before = MimeHeaders.read(message);
        MessageIdRewriter.Outcome outcome;
        try {
            outcome = rewrite(rewriter, before);
        } catch (RuntimeException e) {
            // never a crash: the container routes the mail per onMailetException (the error processor by default)
            throw new MessagingException("Mail " + mail.getName() + ": cannot rewrite Message-IDs", e);
        }
        if (outcome.changed()) {
            MimeHeaders.writeChanges(message, before, outcome.headers());
        }
        record(mail, outcome);
    }
}
