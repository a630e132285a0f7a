package org.bordertransport.cli.srs;

import java.util.Optional;

/** The address formats of {@code --format}. */
enum SrsFormat {
    /** {@code forwarder+SRS=hash=TT=domain=local@forwarder.domain} and {@code bounces+SRS=hash=TT@domain}. */
    M365("m365"),
    /** {@code SRS0=HHHH=TT=domain=local@srs.domain} and SRS1, as postsrsd writes them. */
    SRS0("srs0");

    private final String word;

    SrsFormat(String word) {
        this.word = word;
    }

    /** The word on the command line and in JSON output. */
    String word() {
        return word;
    }

    static Optional<SrsFormat> of(String word) {
        for (SrsFormat format : values()) {
            if (format.word.equals(word)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
