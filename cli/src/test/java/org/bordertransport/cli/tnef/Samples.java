package org.bordertransport.cli.tnef;

import static org.bordertransport.core.tnef.TnefBuilder.sz;
import static org.bordertransport.core.tnef.TnefBuilder.tnef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bordertransport.core.tnef.MapiTag;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefBuilder;
import org.bordertransport.core.tnef.TnefBuilder.Props;

/** TNEF files for the command tests. */
final class Samples {
    /** [MS-OXRTFCP] section 4.1: "{\rtf1\ansi\ansicpg1252\pard hello world}" CRLF, compressed. */
    static final byte[] SPEC_HELLO_RTF = hex("2d0000002b0000004c5a4675f1c5c7a7"
        + "03000a007263706731323542320af320"
        + "68656c090020627705b06c647d0a800f"
        + "a0");
    static final String HELLO_RTF = "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n";

    private Samples() {
    }

    /** An attachment with data, a long file name, a MIME type and a content id. */
    static TnefBuilder attachment(TnefBuilder tnef, String name, byte[] data, String mimeType, String contentId) {
        Props props = Props.props().int32(MapiTag.PR_ATTACH_METHOD, 1).unicode(MapiTag.PR_ATTACH_LONG_FILENAME, name);
        if (mimeType != null) {
            props.string8(MapiTag.PR_ATTACH_MIME_TAG, mimeType);
        }
        if (contentId != null) {
            props.string8(MapiTag.PR_ATTACH_CONTENT_ID, contentId);
        }
        return tnef.renddata(0).attachment(TnefAttribute.ATT_ATTACH_DATA, data).attachProps(props);
    }

    /** An attachment holding {@code text} in UTF-8. */
    static TnefBuilder attachment(TnefBuilder tnef, String name, String text) {
        return attachment(tnef, name, text.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** A message with a class, a subject, the three bodies and one attachment. */
    static TnefBuilder note() {
        TnefBuilder tnef = tnef()
            .message(TnefAttribute.ATT_MESSAGE_CLASS, sz("IPM.Note"))
            .message(TnefAttribute.ATT_SUBJECT, sz("Quarterly report"))
            .messageProps(Props.props()
                .unicode(MapiTag.PR_BODY, "Hello, see attached.\r\n")
                .binary(MapiTag.PR_HTML, ascii("<p>Hello</p>"))
                .binary(MapiTag.PR_RTF_COMPRESSED, SPEC_HELLO_RTF));
        return attachment(tnef, "report.pdf", ascii("%PDF-1.4"), "application/pdf", "part1@example.test");
    }

    /** An attached message. */
    static TnefBuilder embedded(TnefBuilder tnef, String displayName, byte[] inner) {
        return tnef.renddata(0).attachProps(Props.props().embedded(inner)
            .int32(MapiTag.PR_ATTACH_METHOD, 5).string8(MapiTag.PR_DISPLAY_NAME, displayName));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String sha256(byte[] data) {
        try {
            return OutputDirectory.hex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String ascii) {
        return sha256(ascii.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
