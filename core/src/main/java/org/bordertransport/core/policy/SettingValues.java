package org.bordertransport.core.policy;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parsing of setting values in their Exchange spelling. Every failure is an {@link IllegalArgumentException} of the
 * form {@code invalid SETTING 'VALUE': allowed WHAT}.
 */
final class SettingValues {
    static final int MAX_LINE_WRAP_SIZE = 132;
    static final String CHARSET_ALLOWED = "a character set this Java runtime can encode, such as utf-8, iso-8859-1, "
        + "iso-2022-jp, shift_jis, euc-jp, windows-1252";

    private SettingValues() {
    }

    static IllegalArgumentException invalid(String setting, String value, String allowed) {
        return new IllegalArgumentException("invalid " + setting + " '" + value + "': allowed " + allowed);
    }

    /** Case-insensitive match on the Exchange spelling or an alias. */
    static <E extends Enum<E> & ExchangeNamed> E parseEnum(String setting, E[] values, String value) {
        String v = value == null ? "" : value.trim();
        for (E candidate : values) {
            if (candidate.exchangeName().equalsIgnoreCase(v)) {
                return candidate;
            }
            for (String alias : candidate.aliases()) {
                if (alias.equalsIgnoreCase(v)) {
                    return candidate;
                }
            }
        }
        throw invalid(setting, String.valueOf(value), allowed(values));
    }

    static <E extends Enum<E> & ExchangeNamed> String allowed(E[] values) {
        List<String> names = new ArrayList<>();
        for (E value : values) {
            names.add(value.exchangeName());
        }
        return String.join(", ", names);
    }

    /** Exactly {@code true} or {@code false}, any case. */
    static boolean parseBoolean(String setting, String value) {
        String v = value == null ? "" : value.trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(setting, String.valueOf(value), "true, false");
    }

    /** {@code 0}-{@code 132}, or {@code Unlimited} (any case) giving an empty value. */
    static OptionalInt parseLineWrapSize(String setting, String value) {
        String v = value == null ? "" : value.trim();
        if (v.equalsIgnoreCase("unlimited")) {
            return OptionalInt.empty();
        }
        if (v.matches("[0-9]{1,3}")) {
            int size = Integer.parseInt(v);
            if (size <= MAX_LINE_WRAP_SIZE) {
                return OptionalInt.of(size);
            }
        }
        throw invalid(setting, String.valueOf(value), lineWrapAllowed());
    }

    static String lineWrapAllowed() {
        return "0-" + MAX_LINE_WRAP_SIZE + " or Unlimited";
    }

    /** A character set Java knows and can encode into (the conversion writes text in it). */
    static Charset parseCharset(String setting, String value) {
        String v = value == null ? "" : value.trim();
        Charset charset;
        try {
            charset = Charset.forName(v);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw invalid(setting, String.valueOf(value), CHARSET_ALLOWED);
        } catch (IllegalArgumentException e) {
            // Charset.forName("") and null
            throw invalid(setting, String.valueOf(value), CHARSET_ALLOWED);
        }
        return checkEncodable(setting, charset);
    }

    static Charset checkEncodable(String setting, Charset charset) {
        if (!charset.canEncode()) {
            throw invalid(setting, charset.name(), CHARSET_ALLOWED + " (" + charset.name() + " can only be decoded)");
        }
        return charset;
    }

    static Optional<Charset> checkEncodable(String setting, Optional<Charset> charset) {
        charset.ifPresent(c -> checkEncodable(setting, c));
        return charset;
    }
}
