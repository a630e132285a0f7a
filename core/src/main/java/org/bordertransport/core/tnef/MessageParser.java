package org.bordertransport.core.tnef;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.bordertransport.core.charset.CodePages;

/**
 * Reads one TNEF stream (the top one or an embedded message) into a {@link TnefMessage}: signature, legacy key, then
 * attributes until the end of the input. Level-2 attributes belong to the attachment that the last
 * attAttachRenddata started.
 */
final class MessageParser {
    static final long SIGNATURE = 0x223E9F78L;

    private static final int TAG_MSG_PROPS = 0x9003;
    private static final int TAG_OEM_CODEPAGE = 0x9007;
    private static final int TAG_ATTACH_RENDDATA = 0x9002;
    private static final int TAG_ATTACHMENT = 0x9005;
    private static final int TAG_ATTACH_DATA = 0x800F;
    private static final int TAG_ATTACH_TITLE = 0x8010;

    private final TnefInput in;
    private final ReadSession session;
    private final int depth;
    private final int inheritedCodePage;
    private final List<TnefAttribute> attributes = new ArrayList<>();
    private final List<MapiProperty> properties = new ArrayList<>();
    private final List<PendingAttachment> attachments = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long oemCodePage = -1;

    /** An attachment being read. */
    private static final class PendingAttachment {
        final List<TnefAttribute> attributes = new ArrayList<>();
        final List<MapiProperty> properties = new ArrayList<>();
        TnefContent data;
        TnefContent title;
        OptionalLong renderPosition = OptionalLong.empty();
    }

    private MessageParser(TnefInput in, ReadSession session, int depth, int inheritedCodePage) {
        this.in = in;
        this.session = session;
        this.depth = depth;
        this.inheritedCodePage = inheritedCodePage;
    }

    static TnefMessage parse(TnefInput in, ReadSession session, int depth, int inheritedCodePage)
        throws IOException, TnefException {
        return new MessageParser(in, session, depth, inheritedCodePage).parse();
    }

    private TnefMessage parse() throws IOException, TnefException {
        byte[] head = new byte[6];
        int got = readUpTo(head, 6);
        if (got < 4) {
            throw new TnefException(TnefException.Reason.NOT_TNEF, in.where() + "not a TNEF stream: only " + got
                + " byte(s)");
        }
        long signature = Bytes.u32(head, 0);
        if (signature != SIGNATURE) {
            throw new TnefException(TnefException.Reason.NOT_TNEF, in.where() + String.format(
                "not a TNEF stream: expected signature 0x%08X but got 0x%08X", SIGNATURE, signature));
        }
        if (got < 6) {
            throw truncated("the legacy key at offset 4 is cut short");
        }
        int legacyKey = Bytes.u16(head, 4);
        while (readAttribute()) {
            // one attribute per turn
        }
        return finish(legacyKey);
    }

    private int readUpTo(byte[] b, int len) throws IOException, TnefException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, done, len - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private TnefException truncated(String detail) {
        return new TnefException(TnefException.Reason.TRUNCATED, in.where() + "TNEF stream ends early: " + detail);
    }

    /** Reads one attribute; false at the end of the input or at trailing garbage. */
    private boolean readAttribute() throws IOException, TnefException {
        long start = in.offset();
        int level = in.read();
        if (level < 0) {
            return false;
        }
        if (level != TnefAttribute.LEVEL_MESSAGE && level != TnefAttribute.LEVEL_ATTACHMENT) {
            warnings.add(String.format("ignored trailing data from offset %d: byte 0x%02X is not an attribute level",
                start, level));
            return false;
        }
        byte[] header = new byte[8];
        int got = readUpTo(header, 8);
        if (got < 8) {
            throw truncated("the attribute header at offset " + start + " has " + (got + 1) + " of 9 bytes");
        }
        int id = (int) Bytes.u32(header, 0);
        long length = Bytes.u32(header, 4);
        session.countAttribute(in.where());
        long max = session.limits.maxAttributeLength();
        if (length > max) {
            throw ReadSession.limit(in.where() + String.format(
                "attribute 0x%08X at offset %d declares %d bytes, more than maxAttributeLength %d", id, start, length,
                max));
        }
        AttributeInput a = new AttributeInput(in, id, start, length);
        if (level == TnefAttribute.LEVEL_MESSAGE) {
            messageAttribute(a);
        } else {
            attachmentAttribute(a);
        }
        a.drain();
        byte[] sum = new byte[2];
        if (readUpTo(sum, 2) < 2) {
            throw truncated(a.describe() + " has no complete checksum");
        }
        int stored = Bytes.u16(sum, 0);
        if (stored != a.checksum()) {
            String message = String.format("%s: checksum 0x%04X does not match the data (0x%04X)", a.describe(),
                stored, a.checksum());
            if (session.options.checksumMode() == ChecksumMode.STRICT) {
                throw new TnefException(TnefException.Reason.CHECKSUM, message);
            }
            if (session.options.checksumMode() == ChecksumMode.WARN) {
                warnings.add(message);
            }
        }
        return true;
    }

    private void messageAttribute(AttributeInput a) throws IOException, TnefException {
        int tag = a.id() & 0xFFFF;
        if (tag == TAG_MSG_PROPS) {
            properties.addAll(MapiReader.read(a, session, depth, codePageSoFar(), "message"));
            return;
        }
        TnefContent content = session.take(a, a.length(), null, "attribute data");
        attributes.add(new TnefAttribute(TnefAttribute.LEVEL_MESSAGE, a.id(), content));
        if (tag == TAG_OEM_CODEPAGE && content.size() >= 4) {
            oemCodePage = Bytes.u32(content.slice(0, 4).toByteArray(), 0);
        }
    }

    private void attachmentAttribute(AttributeInput a) throws IOException, TnefException {
        int tag = a.id() & 0xFFFF;
        if (tag == TAG_ATTACH_RENDDATA || attachments.isEmpty()) {
            session.countAttachment(in.where());
            attachments.add(new PendingAttachment());
        }
        PendingAttachment current = attachments.get(attachments.size() - 1);
        if (tag == TAG_ATTACHMENT) {
            current.properties.addAll(MapiReader.read(a, session, depth, codePageSoFar(),
                "attachment " + attachments.size()));
            return;
        }
        TnefContent content = session.take(a, a.length(), null, "attribute data");
        current.attributes.add(new TnefAttribute(TnefAttribute.LEVEL_ATTACHMENT, a.id(), content));
        if (tag == TAG_ATTACH_DATA) {
            current.data = content;
        } else if (tag == TAG_ATTACH_TITLE) {
            current.title = content;
        } else if (tag == TAG_ATTACH_RENDDATA && content.size() >= 6) {
            long position = Bytes.u32(content.slice(2, 4).toByteArray(), 0);
            current.renderPosition = position == 0xFFFFFFFFL ? OptionalLong.empty() : OptionalLong.of(position);
        }
    }

    /** The code page known so far, handed to embedded messages. */
    private int codePageSoFar() {
        return oemCodePage > 0 && oemCodePage <= Integer.MAX_VALUE ? (int) oemCodePage : inheritedCodePage;
    }

    private TnefMessage finish(int legacyKey) throws IOException {
        MapiProperties messageProperties = new MapiProperties(properties);
        int codePage = codePage(messageProperties);
        Charset charset = CodePages.charset(codePage);
        for (MapiProperty p : properties) {
            p.decodeStrings(charset);
        }
        List<TnefAttachment> result = new ArrayList<>(attachments.size());
        for (PendingAttachment pending : attachments) {
            for (MapiProperty p : pending.properties) {
                p.decodeStrings(charset);
            }
            result.add(attachment(result.size() + 1, pending, charset));
        }
        return new TnefMessage(session.store, depth, legacyKey, codePage, charset, attributes, messageProperties,
            result, warnings);
    }

    private int codePage(MapiProperties messageProperties) {
        if (oemCodePage > 0 && oemCodePage <= Integer.MAX_VALUE) {
            return (int) oemCodePage;
        }
        for (int id : new int[] {MapiTag.PR_MESSAGE_CODEPAGE, MapiTag.PR_INTERNET_CPID}) {
            OptionalInt value = messageProperties.get(id).map(MapiProperty::intValue).orElse(OptionalInt.empty());
            if (value.isPresent() && value.getAsInt() > 0) {
                return value.getAsInt();
            }
        }
        return inheritedCodePage;
    }

    private static TnefAttachment attachment(int number, PendingAttachment pending, Charset charset)
        throws IOException {
        MapiProperties props = new MapiProperties(pending.properties);
        Optional<String> title = pending.title == null ? Optional.empty()
            : Optional.of(Strings.decode(pending.title, charset));
        String name = AttachmentNames.choose(number, props.string(MapiTag.PR_ATTACH_EXTENSION),
            props.string(MapiTag.PR_ATTACH_LONG_FILENAME), props.string(MapiTag.PR_DISPLAY_NAME), title,
            props.string(MapiTag.PR_ATTACH_FILENAME));
        Optional<TnefContent> content = Optional.ofNullable(pending.data);
        Optional<TnefMessage> embedded = Optional.empty();
        if (content.isEmpty()) {
            content = props.get(MapiTag.PR_ATTACH_DATA, MapiTag.PT_BINARY).flatMap(MapiProperty::contentValue);
        }
        if (content.isEmpty()) {
            Optional<MapiProperty> object = props.get(MapiTag.PR_ATTACH_DATA, MapiTag.PT_OBJECT);
            embedded = object.flatMap(MapiProperty::messageValue);
            content = object.flatMap(MapiProperty::contentValue).map(c -> c.slice(Math.min(16, c.size())));
        }
        OptionalLong position = props.get(MapiTag.PR_RENDERING_POSITION).map(MapiProperty::intValue)
            .filter(OptionalInt::isPresent).map(i -> i.getAsInt() == -1 ? OptionalLong.empty()
                : OptionalLong.of(i.getAsInt() & 0xFFFFFFFFL)).orElse(pending.renderPosition);
        return new TnefAttachment(number, name, title, pending.attributes, props, content, embedded, position);
    }
}
