package org.bordertransport.core.convert;

import java.text.Normalizer;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * {@code DisplaySenderName} and {@code UseSimpleDisplayName}: what becomes of the sender's display name in
 * {@code From} and {@code Sender} for a remote domain. {@code DisplaySenderName=false} drops it (the address alone
 * is shown). {@code UseSimpleDisplayName=true} sends the simple display name: James has no directory attribute for
 * one, so it is the display name folded to ASCII (accents dropped, ß → ss, æ → ae, ø → o, ł → l ...), or no name
 * when letters without an ASCII form remain (Japanese, Cyrillic ...), as Exchange shows the address when the simple
 * display name is empty.
 */
final class SenderNames {
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Map<Character, String> LETTERS = Map.ofEntries(Map.entry('ß', "ss"), Map.entry('ẞ', "SS"),
        Map.entry('Æ', "AE"), Map.entry('æ', "ae"), Map.entry('Ø', "O"), Map.entry('ø', "o"), Map.entry('Œ', "OE"),
        Map.entry('œ', "oe"), Map.entry('Ł', "L"), Map.entry('ł', "l"), Map.entry('Đ', "D"), Map.entry('đ', "d"),
        Map.entry('Þ', "Th"), Map.entry('þ', "th"), Map.entry('ð', "d"), Map.entry('Ð', "D"), Map.entry('ı', "i"),
        Map.entry('ħ', "h"), Map.entry('Ħ', "H"), Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('“', "\""),
        Map.entry('”', "\""), Map.entry('–', "-"), Map.entry('—', "-"));

    private SenderNames() {
    }

    /** The renaming for these settings, or empty when names stay as they are. */
    static Optional<UnaryOperator<String>> of(RemoteDomainSettings settings) {
        if (!settings.displaySenderName()) {
            return Optional.of(name -> "");
        }
        if (settings.useSimpleDisplayName()) {
            return Optional.of(SenderNames::simple);
        }
        return Optional.empty();
    }

    /** The name folded to printable ASCII, or {@code ""} when that is impossible. */
    static String simple(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.ENCLOSING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                b.append(' ');
            } else if (LETTERS.containsKey(c)) {
                b.append(LETTERS.get(c));
            } else {
                return "";
            }
        }
        return SPACES.matcher(b).replaceAll(" ").trim();
    }
}
