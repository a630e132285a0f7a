package org.bordertransport.core.rtf;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** One pass of {@link RtfRenderer} over a document: the tokens, the group state, the destinations. */
final class RtfRenderPass {
    static final int NORMAL = 0;
    static final int SKIP = 1;
    static final int FONT_TABLE = 2;
    static final int COLOR_TABLE = 3;
    static final int FIELD_INSTRUCTION = 4;
    static final int MARKER = 5;
    static final int PICTURE = 6;
    static final int OBJECT = 7;
    static final int LIST_NUMBER = 8;
    private static final int MAX_WARNINGS = 20;
    private static final int MAX_SKIP = 16;
    private static final int MAX_MARKER = 32;
    private static final int MAX_INSTRUCTION = 4096;
    private static final int DEFAULT_SIZE = 24;

    /** A field ({@code \field}): its instruction, and the link target it makes. */
    private static final class Field {
        final StringBuilder instruction = new StringBuilder();
    }

    /** The group-scoped state: destination, Unicode skip count, character and paragraph formatting. */
    static final class State implements Cloneable {
        int destination;
        int uc = 1;
        int font = -1;
        boolean bold;
        boolean italic;
        boolean underline;
        boolean strike;
        boolean hidden;
        int vertical;
        int size = DEFAULT_SIZE;
        int color;
        int background;
        boolean inTable;
        int align;
        int leftIndent;
        int listOverride;
        int listLevel;
        Field field;
        String link;

        State copy() {
            try {
                return (State) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        void plain() {
            font = -1;
            bold = false;
            italic = false;
            underline = false;
            strike = false;
            hidden = false;
            vertical = RtfFormat.NORMAL;
            size = DEFAULT_SIZE;
            color = 0;
            background = 0;
        }

        void pard() {
            inTable = false;
            align = RtfParagraph.LEFT;
            leftIndent = 0;
            listOverride = 0;
            listLevel = 0;
        }
    }

    private final byte[] rtf;
    private final RtfMode mode;
    private final RtfLimits limits;
    private final RtfTokenizer tokens;
    private final RtfTables tables;
    private final RtfPictures pictures;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final RtfDocumentWriter writer;
    private State[] stack = new State[16];
    private int depth;
    private State state = new State();
    private int defaultFont = -1;
    private int skipCount;
    private boolean groupStart;
    private boolean ignorable;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private int pendingCodePage;
    private boolean pendingSymbol;
    private final StringBuilder marker = new StringBuilder();
    private boolean markerSeen;
    private int numberedLevel = -1;
    private char highSurrogate;

    RtfRenderPass(byte[] rtf, int documentCodePage, RtfMode mode, RtfLimits limits, String cidSuffix) {
        this.rtf = rtf;
        this.mode = mode;
        this.limits = limits;
        this.tokens = new RtfTokenizer(rtf);
        this.tables = new RtfTables(documentCodePage);
        this.pictures = new RtfPictures(limits, cidSuffix, this::warn);
        this.writer = new RtfDocumentWriter(limits.maxOutputChars(), limits.maxTableCells(), this::warn);
    }

    RtfRendering render() throws RtfException {
        loop:
        while (true) {
            RtfTokenizer.Type type = tokens.next();
            if (type != RtfTokenizer.Type.HEX && type != RtfTokenizer.Type.TEXT) {
                flush();
            }
            if (type == RtfTokenizer.Type.GROUP_START) {
                if (groupStart && ignorable) {
                    state.destination = SKIP;
                }
                openGroup();
                continue;
            }
            if (type == RtfTokenizer.Type.GROUP_END) {
                skipCount = 0;
                groupStart = false;
                if (closeGroup()) {
                    break;
                }
                continue;
            }
            if (groupStart && startDestination(type)) {
                continue;
            }
            switch (type) {
                case EOF:
                    problem("RTF ends inside " + depth + " open group" + (depth == 1 ? "" : "s"));
                    while (depth > 0) {
                        closeGroup();
                    }
                    break loop;
                case WORD:
                    word(tokens.word(), tokens.hasParameter(), tokens.parameter());
                    break;
                case SYMBOL:
                    symbol(tokens.value());
                    break;
                case HEX:
                case TEXT:
                    if (skipCount > 0) {
                        skipCount--;
                    } else {
                        octet(tokens.value());
                    }
                    break;
                case BAD_HEX:
                    problem("Malformed \\' escape at offset " + tokens.offset());
                    break;
                default:
                    break;
            }
        }
        if (tokens.binaryTruncated()) {
            problem("RTF \\bin data runs past the end of the input");
        }
        String[] out = writer.finish();
        return new RtfRendering(out[0], out[1], pictures.kept(), new ArrayList<>(warnings));
    }

    private void openGroup() throws RtfException {
        skipCount = 0;
        if (depth == limits.maxDepth()) {
            throw new RtfException("RTF nests deeper than maxDepth " + limits.maxDepth());
        }
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = state;
        state = state.copy();
        groupStart = true;
        ignorable = false;
    }

    /** Returns whether the outermost group closed. */
    private boolean closeGroup() throws RtfException {
        if (depth == 0) {
            return true;
        }
        State closed = state;
        state = stack[--depth];
        stack[depth] = null;
        if (closed.destination == PICTURE && state.destination != PICTURE) {
            RtfPictures.Placed placed = pictures.end(visible());
            if (placed != null) {
                ensureParagraph();
                writer.picture(placed.picture, placed.width, placed.height, format(), state.link);
            }
        }
        return depth == 0;
    }

    /** Handles the first tokens of a group; returns whether the token was consumed. */
    private boolean startDestination(RtfTokenizer.Type type) {
        if (type == RtfTokenizer.Type.SYMBOL && tokens.value() == '*') {
            ignorable = true;
            return true;
        }
        groupStart = false;
        if (state.destination == SKIP) {
            return false;
        }
        if (type != RtfTokenizer.Type.WORD) {
            if (ignorable) {
                state.destination = SKIP;
            }
            return false;
        }
        String word = tokens.word();
        switch (word) {
            case "fldinst":
                state.destination = state.field == null ? SKIP : FIELD_INSTRUCTION;
                return true;
            case "fldrslt":
                if (state.destination == FIELD_INSTRUCTION) {
                    state.destination = SKIP;
                } else if (state.field != null) {
                    String link = RtfHtml.hyperlink(state.field.instruction.toString());
                    state.link = link != null ? link : state.link;
                }
                return true;
            case "field":
                state.field = new Field();
                return true;
            case "shppict":
                return true;
            case "pn":
                if (state.destination == NORMAL) {
                    state.destination = LIST_NUMBER;
                    markerSeen = true;
                } else {
                    state.destination = SKIP;
                }
                return true;
            case "result":
                if (state.destination == OBJECT) {
                    state.destination = NORMAL;
                    return true;
                }
                break;
            default:
                break;
        }
        if (ignorable || state.destination == OBJECT) {
            state.destination = SKIP;
            return true;
        }
        switch (word) {
            case "fonttbl":
                state.destination = FONT_TABLE;
                return true;
            case "colortbl":
                state.destination = COLOR_TABLE;
                return true;
            case "listtext":
            case "pntext":
                state.destination = state.destination == NORMAL ? MARKER : SKIP;
                if (state.destination == MARKER) {
                    marker.setLength(0);
                    markerSeen = true;
                }
                return true;
            case "pict":
                state.destination = state.destination == NORMAL ? PICTURE : SKIP;
                if (state.destination == PICTURE) {
                    pictures.start();
                }
                return true;
            case "object":
                state.destination = OBJECT;
                return true;
            default:
                if (RtfTextExtractor.DESTINATIONS.contains(word)) {
                    state.destination = SKIP;
                    return true;
                }
                return false;
        }
    }

    private void word(String word, boolean hasParameter, int parameter) throws RtfException {
        switch (state.destination) {
            case SKIP:
            case OBJECT:
                return;
            case FONT_TABLE:
                fontTableWord(word, parameter);
                return;
            case COLOR_TABLE:
                colorTableWord(word, parameter);
                return;
            case PICTURE:
                pictures.word(word, parameter, rtf, tokens.binaryStart(), tokens.binaryLength());
                return;
            case LIST_NUMBER:
                if (word.startsWith("pnlvl") && hasParameter) {
                    numberedLevel = parameter - 1;
                }
                return;
            default:
                break;
        }
        if (skipCount > 0) {
            skipCount--;
            return;
        }
        if (RtfRenderWords.format(state, word, hasParameter, parameter)) {
            return;
        }
        switch (word) {
            case "deff":
                defaultFont = parameter;
                break;
            case "uc":
                state.uc = Math.max(0, Math.min(parameter, MAX_SKIP));
                break;
            case "u":
                if (hasParameter) {
                    int unit = parameter < 0 ? parameter + 65536 : Math.min(parameter, 0xFFFF);
                    char c = (char) unit;
                    if (unit >= 0xF000 && unit <= 0xF0FF && tables.isSymbol(font())) {
                        c = RtfTables.symbol(unit, c);
                    }
                    skipCount = state.uc;
                    if (Character.isHighSurrogate(c)) {
                        highSurrogate = c;
                        break;
                    }
                    text(Character.isLowSurrogate(c) && highSurrogate != 0 ? "" + highSurrogate + c
                        : String.valueOf(c));
                    highSurrogate = 0;
                }
                break;
            case "par":
            case "sect":
            case "page":
                if (state.destination == NORMAL) {
                    writer.endParagraph(paragraph(), format());
                    endParagraph();
                }
                break;
            case "cell":
                if (state.destination == NORMAL) {
                    writer.endCell(paragraph(), format());
                    endParagraph();
                }
                break;
            case "row":
                if (state.destination == NORMAL) {
                    writer.endRow(paragraph(), format());
                    endParagraph();
                }
                break;
            case "line":
            case "nestrow":
                if (state.destination == NORMAL && visible()) {
                    ensureParagraph();
                    writer.lineBreak();
                }
                break;
            case "tab":
            case "nestcell":
                if (state.destination != MARKER) {
                    text("\t");
                }
                break;
            default:
                String c = RtfRenderWords.character(word);
                if (c != null) {
                    text(c);
                }
                break;
        }
    }

    private void endParagraph() {
        marker.setLength(0);
        markerSeen = false;
        numberedLevel = -1;
    }

    private void fontTableWord(String word, int parameter) {
        switch (word) {
            case "f":
                tables.defineFont(parameter);
                break;
            case "fcharset":
                tables.fontCharacterSet(parameter);
                break;
            case "cpg":
                tables.fontCodePage(parameter);
                break;
            default:
                break;
        }
    }

    private void colorTableWord(String word, int parameter) {
        switch (word) {
            case "red":
                tables.red(parameter);
                break;
            case "green":
                tables.green(parameter);
                break;
            case "blue":
                tables.blue(parameter);
                break;
            default:
                break;
        }
    }

    private void symbol(int c) throws RtfException {
        if (state.destination == PICTURE || state.destination == SKIP || state.destination == OBJECT) {
            return;
        }
        if (skipCount > 0) {
            skipCount--;
            return;
        }
        switch (c) {
            case '\\':
            case '{':
            case '}':
                octet(c);
                break;
            case '~':
                text("\u00A0");
                break;
            case '_':
                text("\u2011");
                break;
            default:
                break;
        }
    }

    private void octet(int value) throws RtfException {
        switch (state.destination) {
            case PICTURE:
                pictures.hex(value);
                return;
            case FONT_TABLE:
                tables.fontNameChar((char) value);
                return;
            case COLOR_TABLE:
                if (value == ';') {
                    tables.endColor();
                }
                return;
            case NORMAL:
            case MARKER:
            case FIELD_INSTRUCTION:
                break;
            default:
                return;
        }
        int font = font();
        int codePage = tables.codePage(font);
        boolean symbol = tables.isSymbol(font);
        if (pendingLength > 0 && (codePage != pendingCodePage || symbol != pendingSymbol)) {
            flush();
        }
        if (pendingLength == pending.length) {
            if (pendingLength >= limits.maxOutputChars()) {
                throw new RtfException("Rendered text exceeds maxOutputChars " + limits.maxOutputChars());
            }
            pending = Arrays.copyOf(pending, pendingLength * 2);
        }
        pending[pendingLength++] = (byte) value;
        pendingCodePage = codePage;
        pendingSymbol = symbol;
    }

    private void flush() throws RtfException {
        if (pendingLength == 0) {
            return;
        }
        String decoded;
        if (pendingSymbol) {
            StringBuilder b = new StringBuilder(pendingLength);
            for (int i = 0; i < pendingLength; i++) {
                b.append(RtfTables.symbol(pending[i], (char) (pending[i] & 0xFF)));
            }
            decoded = b.toString();
        } else {
            Charset charset = tables.charset(pendingCodePage).orElse(null);
            if (charset == null) {
                warn("Code page " + pendingCodePage + " is not supported; decoded as windows-1252");
                charset = tables.charset(pendingCodePage).orElseThrow();
            }
            decoded = new String(pending, 0, pendingLength, charset);
        }
        pendingLength = 0;
        text(decoded);
    }

    /** Text of the current destination: rendered, or part of a list marker or of a field instruction. */
    private void text(String value) throws RtfException {
        if (pendingLength > 0) {
            flush();
        }
        switch (state.destination) {
            case MARKER:
                if (!state.hidden && marker.length() + value.length() <= MAX_MARKER) {
                    marker.append(value);
                }
                break;
            case FIELD_INSTRUCTION:
                if (state.field.instruction.length() + value.length() <= MAX_INSTRUCTION) {
                    state.field.instruction.append(value);
                }
                break;
            case NORMAL:
                if (visible()) {
                    ensureParagraph();
                    writer.text(value, format(), state.link);
                }
                break;
            default:
                break;
        }
    }

    private boolean visible() {
        return state.destination == NORMAL && !state.hidden;
    }

    private void ensureParagraph() throws RtfException {
        if (!writer.paragraphOpen()) {
            writer.openParagraph(paragraph(), format());
        }
    }

    private RtfParagraph paragraph() {
        boolean list = markerSeen || state.listOverride > 0;
        int level = state.listOverride > 0 ? state.listLevel : Math.max(0, numberedLevel);
        String shown = marker.toString().strip();
        return new RtfParagraph(state.inTable, state.align, state.leftIndent, list, level, shown);
    }

    private int font() {
        return state.font >= 0 ? state.font : defaultFont;
    }

    private RtfFormat format() {
        return new RtfFormat(state.bold, state.italic, state.underline, state.strike,
            state.vertical, tables.cssName(font()), state.size, tables.color(state.color),
            tables.color(state.background));
    }

    private void problem(String message) throws RtfException {
        if (mode == RtfMode.STRICT) {
            throw new RtfException(message);
        }
        warn(message);
    }

    private void warn(String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
        }
    }
}
