package org.bordertransport.matchers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
 * Matches mail that carries TNEF (Outlook's {@code winmail.dat}): a part of type {@code application/ms-tnef}
 * (or {@code application/vnd.ms-tnef}) or named {@code winmail.dat}, or summary TNEF (the whole body TNEF, or TNEF
 * sent with {@code Content-Transfer-Encoding: binary}). With the condition {@code summary} it matches summary TNEF
 * only. Mail whose top-level type is neither multipart nor TNEF is decided from its header alone. Broken MIME is
 * read as far as it goes (what was found before the break counts); a message that cannot be read at all fails the
 * match with a {@link MessagingException}, and the container does what {@code onMatchException} says (the shipped
 * configuration: {@code noMatch}).
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
        String type = message.getContentType() == null ? "text/plain"
            : message.getContentType().trim().toLowerCase(Locale.ROOT);
        if (!type.startsWith("multipart/") && !type.startsWith("application/")) {
            return List.of();
        }
        TnefDetection detection;
        try (InputStream in = MessageStreams.of(message)) {
            detection = converter.detect(in);
        } catch (IOException e) {
            throw new MessagingException(getMatcherName() + ": mail " + mail.getName() + " cannot be read to look for TNEF",
                e);
        }
        boolean matches = summaryOnly ? detection.kind() == TnefDetection.Kind.SUMMARY_TNEF : detection.found();
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail carrying TNEF (winmail.dat)";
    }
}
