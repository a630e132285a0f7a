package org.bordertransport.cli.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bordertransport.cli.Cli;

/** The sample exports under src/test/resources/exchange (built from Microsoft's documented names and values). */
final class Samples {
    static final String REMOTE_DOMAINS_CLIXML = "remotedomains.clixml";
    static final String REMOTE_DOMAINS_CSV = "remotedomains.csv";
    static final String CONTACTS_CLIXML = "mailcontacts.clixml";
    static final String CONTACTS_CSV = "mailcontacts.csv";
    static final String DUPLICATE = "remotedomains-duplicate.clixml";
    static final String UNKNOWN_ENUM = "remotedomains-unknown-enum.csv";
    static final String NOT_CLIXML = "not-clixml.xml";

    private Samples() {
    }

    static Path path(String name) {
        return Cli.resource("/exchange/" + name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static Exports.Export read(String name) throws ExportException {
        return read(bytes(name), name);
    }

    static Exports.Export read(byte[] bytes, String name) throws ExportException {
        try {
            return Exports.read(new ByteArrayInputStream(bytes), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Exports.Export read(String text, String name) throws ExportException {
        return read(text.getBytes(StandardCharsets.UTF_8), name);
    }
}
