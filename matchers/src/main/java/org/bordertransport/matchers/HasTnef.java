package org.bordertransport.matchers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.bordertransport.core.tnefmime.TnefDetection;
import org.bordertransport.core.tnefmime.TnefMimeConverter;
import org.bordertransport.core.tnefmime.TnefMimeOptions;
import org.bordertransport.james.MessageStreams;

/**
 * Matches mail that carries TNEF (Outlook's {@code winmail.dat}), told by its content: a part whose decoded body
 * starts with the TNEF signature whatever its type or name ({@code ATT00001.dat}, {@code application/octet-stream}),
 * a text body with a uuencoded winmail.dat ({@code begin 600 WINMAIL.DAT}), TNEF inside an attached message, or
 * summary TNEF (the whole body TNEF, or TNEF sent with {@code Content-Transfer-Encoding: binary}); also mail with a
 * part labelled TNEF ({@code application/ms-tnef}, {@code winmail.dat}) that is not TNEF, so that
 * {@code ConvertTnef} reports it. With the condition {@code summary} it matches summary TNEF only. Only the first
 * octets of each part are decoded; text bodies are scanned line by line; without a condition the reading stops at the
 * first finding. Broken MIME is read as far as it goes (what
 * was found before the break counts); a message that cannot be read at all fails the match with a
 * {@link MessagingException}, and the container does what {@code onMatchException} says (the shipped configuration:
 * {@code noMatch}).
 *
 * <pre>{@code
 * <mailet match="org.bordertransport.matchers.HasTnef" class="org.bordertransport.mailets.ConvertTnef"/>
 * <mailet match="org.bordertransport.matchers.HasTnef=summary" class="ToProcessor">
 *   <processor>summary-tnef</processor>
 * </mailet>
 * }</pre>
 */
public class HasTnef extends GenericMatcher {
    public static final String SUMMARY = "summary";
    /** The condition is a single value, not parameters. */
    public static final Set<String> PARAMETERS = Set.of();

    private boolean summaryOnly;
    private TnefMimeConverter converter;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            summaryOnly = false;
        } else if (condition.trim().equals(SUMMARY)) {
            summaryOnly = true;
        } else {
            throw new MessagingException(getMatcherName() + ": invalid condition '" + condition
                + "', allowed: no condition, or " + SUMMARY);
        }
        converter = TnefMimeConverter.of(TnefMimeOptions.defaults());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        boolean matches;
        try (InputStream in = MessageStreams.of(message)) {
            // without a condition the first finding is enough: the rest of the message is not read here
            matches = summaryOnly ? converter.detect(in).kind() == TnefDetection.Kind.SUMMARY_TNEF
                : converter.carriesTnef(in);
        } catch (IOException e) {
            throw new MessagingException(getMatcherName() + ": mail " + mail.getName() + " cannot be read to look for TNEF",
                e);
        }
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail carrying TNEF (winmail.dat)";
    }
}
