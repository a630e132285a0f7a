package org.bordertransport.core.policy;

import java.util.List;
import java.util.OptionalInt;

/**
 * Exchange {@code PreferredInternetCodePageForShiftJis}: which ISO-2022-JP variant (Windows code page) Japanese text
 * is written in for the remote domain. Exchange 2010 spelled the values {@code Iso2022Jp}, {@code Esc2022Jp},
 * {@code Sio2022Jp}; these are accepted too.
 */
public enum PreferredInternetCodePageForShiftJis implements ExchangeNamed {
    /** Code page 50220, ISO-2022-JP: half-width katakana become full-width (no {@code ESC ( I}). */
    CP_50220("50220", "Iso2022Jp", 50220),
    /** Code page 50221, "ESC-2022-JP": ISO-2022-JP with half-width katakana as {@code ESC ( I}. */
    CP_50221("50221", "Esc2022Jp", 50221),
    /** Code page 50222, "SIO-2022-JP": ISO-2022-JP with half-width katakana through SO/SI. */
    CP_50222("50222", "Sio2022Jp", 50222),
    /** No preference, the default. */
    UNDEFINED("Undefined", null, 0);

    public static final String SETTING = "PreferredInternetCodePageForShiftJis";

    private final String exchangeName;
    private final String legacyName;
    private final int codePage;

    PreferredInternetCodePageForShiftJis(String exchangeName, String legacyName, int codePage) {
        this.exchangeName = exchangeName;
        this.legacyName = legacyName;
        this.codePage = codePage;
    }

    @Override
    public String exchangeName() {
        return exchangeName;
    }

    @Override
    public List<String> aliases() {
        return legacyName == null ? List.of() : List.of(legacyName);
    }

    /** The Windows code page (50220, 50221, 50222), empty for {@link #UNDEFINED}. */
    public OptionalInt codePage() {
        return codePage == 0 ? OptionalInt.empty() : OptionalInt.of(codePage);
    }

    /**
     * @param value {@code 50220}, {@code 50221}, {@code 50222}, {@code Undefined} (or the Exchange 2010 names), any case
     * @throws IllegalArgumentException {@code invalid PreferredInternetCodePageForShiftJis 'x': allowed 50220, 50221,
     *     50222, Undefined}
     */
    public static PreferredInternetCodePageForShiftJis parse(String value) {
        return SettingValues.parseEnum(SETTING, values(), value);
    }

    @Override
    public String toString() {
        return exchangeName;
    }
}
