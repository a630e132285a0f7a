package org.bordertransport.core.srs;

import java.util.Optional;

/** The SRS address formats, by the word the configuration ({@code format}), the CLI and the routes use. */
public enum SrsFormat {
    /** {@code forwarder+SRS=hash=TT=domain=local@forwarder.domain} and {@code bounces+SRS=hash=TT@domain}. */
    M365("m365"),
    /** {@code SRS0=HHHH=TT=domain=local@srs.domain} and SRS1, as postsrsd writes them. */
    SRS0("srs0");

    private final String word;

    SrsFormat(String word) {
        this.word = word;
    }

    /** The word in configuration, on the command line and in JSON output. */
    public String word() {
        return word;
    }

    public static Optional<SrsFormat> of(String word) {
        for (SrsFormat format : values()) {
            if (format.word.equals(word)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format of an address to reverse: srs0 when it starts with an SRS0 or SRS1 tag, m365 otherwise. */
    public static SrsFormat ofAddress(String address) {
        return StandardSrs.isSrsAddress(address) ? SRS0 : M365;
    }
}
