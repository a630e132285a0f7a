package org.bordertransport.core.convert;

/**
 * Engine options that are not Exchange remote-domain settings.
 */
public final class ConversionOptions {
    private static final ConversionOptions DEFAULTS = new ConversionOptions(false);

    private final boolean legacyFilenames;

    private ConversionOptions(boolean legacyFilenames) {
        this.legacyFilenames = legacyFilenames;
    }

    /** RFC 2231 filenames only. */
    public static ConversionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param legacyFilenames whether a non-ASCII {@code filename}/{@code name} parameter is also written in the RFC 2047
     *     quoted form ({@code name="=?UTF-8?B?...?="}) that Outlook 2003 and some mobile clients read, next to the
     *     RFC 2231 form
     */
    public static ConversionOptions of(boolean legacyFilenames) {
        return new ConversionOptions(legacyFilenames);
    }

    public boolean legacyFilenames() {
        return legacyFilenames;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversionOptions && ((ConversionOptions) o).legacyFilenames == legacyFilenames;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(legacyFilenames);
    }

    @Override
    public String toString() {
        return "ConversionOptions{legacyFilenames=" + legacyFilenames + "}";
    }
}
