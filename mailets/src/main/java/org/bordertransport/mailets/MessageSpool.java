package org.bordertransport.mailets;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedByteArrayInputStream;
import javax.mail.util.SharedFileInputStream;

/**
 * A message written once, then read back as a stream or turned into a {@link MimeMessage}, with bounded heap: up to a
 * threshold in memory, above it in a temporary file. As a {@link MimeMessage} the file is read lazily
 * ({@link SharedFileInputStream}) and deleted once the message is no longer reachable; otherwise
 * {@link #discard()} deletes it.
 */
final class MessageSpool extends OutputStream {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Session SESSION = Session.getInstance(new Properties());

    private final int threshold;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;

    MessageSpool(int threshold) {
        this.threshold = threshold;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && memory.size() + len > threshold) {
            file = Files.createTempFile("border-converted-", ".eml");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file));
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
    }

    /** Reads back what was written; the spool must not be written to afterwards. */
    InputStream openInputStream() throws IOException {
        if (fileOut == null) {
            return new SharedByteArrayInputStream(memory.toByteArray());
        }
        fileOut.close();
        return new java.io.BufferedInputStream(Files.newInputStream(file));
    }

    /** The stored message; the spool must not be written to afterwards, nor discarded. */
    MimeMessage toMimeMessage() throws IOException, MessagingException {
        if (fileOut == null) {
            return new MimeMessage(SESSION, new SharedByteArrayInputStream(memory.toByteArray()));
        }
        fileOut.close();
        File stored = file.toFile();
        MimeMessage message = new MimeMessage(SESSION, new SharedFileInputStream(stored));
        CLEANER.register(message, () -> stored.delete());
        return message;
    }

    /** Drops what was stored (conversion failed). */
    void discard() {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
            memory = null;
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(MessageSpool.class)
                .warn("Cannot delete temporary file {}", file, e);
        }
    }
}
