package org.bordertransport.mailets;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;

/**
 * What a mailet does to a mail it holds ({@code errorProcessor}) besides routing it. A mail that James is reprocessing
 * from a repository gets a new name: James 3.8.1's reprocessing puts the mail in the queue first and removes its
 * repository key afterwards, and the queue keeps the mail's name, so a mail held again under that name would be
 * stored under the same key and then deleted by that removal.
 */
final class HeldMail {
    /** The attribute James's WebAdmin reprocessing sets on every mail it puts back in the queue. */
    static final AttributeName REPROCESSING = AttributeName.of("mailRepository-reprocessing");
    private static final String SUFFIX = "-held-";
    private static final Pattern EARLIER_SUFFIX = Pattern.compile(SUFFIX + "[0-9a-z]+$");
    /** Repository keys are file names in file repositories: the name stays short. */
    private static final int MAX_BASE = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private HeldMail() {
    }

    /**
     * Gives a mail that is being reprocessed a name of its own; other mail keeps its name.
     *
     * @return what to add to the mailet's log line: {@code ""}, or the mail's old name when it was renamed
     */
    static String renameIfReprocessed(Mail mail) {
        if (mail.getAttribute(REPROCESSING).isEmpty()) {
            return "";
        }
        String old = mail.getName();
        mail.setName(newName(old));
        return " (reprocessed as " + old + ": renamed so that it is kept)";
    }

    /** {@code name} without an earlier hold's suffix, shortened, with a new random suffix. */
    static String newName(String name) {
        String base = EARLIER_SUFFIX.matcher(name).replaceFirst("");
        if (base.length() > MAX_BASE) {
            base = base.substring(0, MAX_BASE);
        }
        return base + SUFFIX + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).toLowerCase(Locale.ROOT);
    }
}
