package org.bordertransport.core.tnef;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import org.bordertransport.core.charset.CodePages;

/**
 * Reads TNEF ({@code application/ms-tnef}, {@code winmail.dat}) as MS-OXTNEF describes it, in one pass over the
 * input with a bounded buffer. Large values go to a temporary file (see {@link TnefReadOptions}); close the
 * returned {@link TnefMessage} to delete it.
 *
 * <pre>{@code
 * try (TnefMessage message = TnefReader.read(in, TnefReadOptions.defaults())) {
 *     for (TnefAttachment attachment : message.attachments()) { ... attachment.content() ... }
 * }
 * }</pre>
 *
 * <p>Bad data is always a {@link TnefException} (never an unchecked exception or an allocation sized by the
 * input); an {@link IOException} means the input stream or the temporary file failed. The input is not closed.</p>
 */
public final class TnefReader {
    private TnefReader() {
    }

    /** Reads with {@link TnefReadOptions#defaults()}. */
    public static TnefMessage read(InputStream in) throws IOException, TnefException {
        return read(in, TnefReadOptions.defaults());
    }

    public static TnefMessage read(InputStream in, TnefReadOptions options) throws IOException, TnefException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        ReadSession session = new ReadSession(options);
        try {
            return MessageParser.parse(TnefInput.of(in, options.limits().maxTotalLength()), session, 0,
                CodePages.DEFAULT);
        } catch (Throwable e) {
            try {
                session.store.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
