package org.bordertransport.core.tnef;

/**
 * A MAPI property tag: a 16-bit property id and a 16-bit type (with {@link #MV_FLAG} for multi-valued
 * properties), plus the ids and types the reader itself uses. Immutable.
 */
public final class MapiTag {
    public static final int PT_UNSPECIFIED = 0x0000;
    public static final int PT_NULL = 0x0001;
    public static final int PT_SHORT = 0x0002;
    public static final int PT_LONG = 0x0003;
    public static final int PT_FLOAT = 0x0004;
    public static final int PT_DOUBLE = 0x0005;
    public static final int PT_CURRENCY = 0x0006;
    public static final int PT_APPTIME = 0x0007;
    public static final int PT_ERROR = 0x000A;
    public static final int PT_BOOLEAN = 0x000B;
    public static final int PT_OBJECT = 0x000D;
    public static final int PT_I8 = 0x0014;
    public static final int PT_STRING8 = 0x001E;
    public static final int PT_UNICODE = 0x001F;
    public static final int PT_SYSTIME = 0x0040;
    public static final int PT_CLSID = 0x0048;
    public static final int PT_BINARY = 0x0102;
    /** Added to a type for a multi-valued property. */
    public static final int MV_FLAG = 0x1000;

    public static final int PR_MESSAGE_CLASS = 0x001A;
    public static final int PR_SUBJECT = 0x0037;
    public static final int PR_BODY = 0x1000;
    public static final int PR_RTF_COMPRESSED = 0x1009;
    /** PR_HTML (binary) and PR_BODY_HTML (string) share this id. */
    public static final int PR_HTML = 0x1013;
    public static final int PR_DISPLAY_NAME = 0x3001;
    public static final int PR_ATTACH_DATA = 0x3701;
    public static final int PR_ATTACH_ENCODING = 0x3702;
    public static final int PR_ATTACH_EXTENSION = 0x3703;
    public static final int PR_ATTACH_FILENAME = 0x3704;
    public static final int PR_ATTACH_METHOD = 0x3705;
    public static final int PR_ATTACH_LONG_FILENAME = 0x3707;
    public static final int PR_RENDERING_POSITION = 0x370B;
    public static final int PR_ATTACH_MIME_TAG = 0x370E;
    public static final int PR_ATTACH_CONTENT_ID = 0x3712;
    public static final int PR_ATTACH_CONTENT_LOCATION = 0x3713;
    public static final int PR_ATTACH_FLAGS = 0x3714;
    public static final int PR_INTERNET_CPID = 0x3FDE;
    public static final int PR_MESSAGE_CODEPAGE = 0x3FFD;

    private final int id;
    private final int type;

    private MapiTag(int id, int type) {
        this.id = id;
        this.type = type;
    }

    /** @throws IllegalArgumentException when id or type does not fit in 16 bits */
    public static MapiTag of(int id, int type) {
        if ((id & ~0xFFFF) != 0 || (type & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(String.format("MAPI id 0x%X and type 0x%X must fit in 16 bits", id, type));
        }
        return new MapiTag(id, type);
    }

    public int id() {
        return id;
    }

    /** The type as written, {@link #MV_FLAG} included. */
    public int type() {
        return type;
    }

    /** The type without {@link #MV_FLAG}. */
    public int baseType() {
        return type & ~MV_FLAG;
    }

    public boolean multiValued() {
        return (type & MV_FLAG) != 0;
    }

    /** Ids from 0x8000 up are named properties, mapped per message. */
    public boolean named() {
        return id >= 0x8000;
    }

    /** The 32-bit tag, id in the high word. */
    public int value() {
        return id << 16 | type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapiTag && ((MapiTag) o).id == id && ((MapiTag) o).type == type;
    }

    @Override
    public int hashCode() {
        return value();
    }

    @Override
    public String toString() {
        return String.format("0x%08X", value());
    }
}
