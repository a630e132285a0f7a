package org.bordertransport.core.rtf;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bordertransport.core.charset.CodePages;

/** One pass of {@link RtfDeencapsulator} over a document known to encapsulate HTML or text. */
final class RtfTextExtractor {
    private static final int NORMAL = 0;
    private static final int SKIP = 1;
    private static final int FONT_TABLE = 2;
    private static final int HTML_TAG = 3;
    private static final int MAX_WARNINGS = 20;
    private static final int MAX_SKIP = 16;

    /** Destinations (besides every {@code \*} one) whose content is not text of the document. */
    static final Set<String> DESTINATIONS = Set.of("colortbl", "stylesheet", "info", "pict", "object",
        "objdata", "objclass", "objname", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr",
        "footerf", "footnote", "annotation", "atnid", "atnauthor", "fldinst", "xe", "tc", "txe", "rxe", "bkmkstart",
        "bkmkend", "listtable", "listoverridetable", "revtbl", "rsidtbl", "filetbl", "author", "operator", "title",
        "subject", "keywords", "comment", "doccomm", "company", "category", "manager", "hlinkbase", "generator",
        "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "pgdsctbl", "private",
        "nonshppict", "buptim", "creatim", "printim", "revtim", "userprops", "docvar", "template", "ftnsep",
        "ftnsepc", "ftncn", "aftnsep", "aftnsepc", "aftncn", "mmathPr");

    /** The group-scoped state: destination, {@code \htmlrtf}, <code>&#92;ucN</code>, current font. */
    private static final class State {
        int destination;
        boolean htmlrtf;
        int uc = 1;
        int font = -1;

        State copy() {
            State s = new State();
            s.destination = destination;
            s.htmlrtf = htmlrtf;
            s.uc = uc;
            s.font = font;
            return s;
        }
    }

    private final byte[] rtf;
    private final RtfBody.Kind kind;
    private final RtfMode mode;
    private final RtfLimits limits;
    private final int documentCodePage;
    private final RtfTokenizer tokens;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Map<Integer, Integer> fontCharacterSets = new HashMap<>();
    private final Map<Integer, Integer> fontCodePages = new HashMap<>();
    private final Map<Integer, Charset> charsets = new HashMap<>();
    private final StringBuilder out = new StringBuilder();
    private State[] stack = new State[16];
    private int depth;
    private State state = new State();
    private int defaultFont = -1;
    private int definedFont = -1;
    private int skipCount;
    private boolean groupStart;
    private boolean ignorable;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private int pendingCodePage;

    RtfTextExtractor(byte[] rtf, RtfBody.Kind kind, int documentCodePage, RtfMode mode, RtfLimits limits) {
        this.rtf = rtf;
        this.kind = kind;
        this.documentCodePage = documentCodePage;
        this.mode = mode;
        this.limits = limits;
        this.tokens = new RtfTokenizer(rtf);
    }

    RtfBody extract() throws RtfException {
        loop:
        while (true) {
            RtfTokenizer.Type type = tokens.next();
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
        flush();
        return RtfBody.of(kind, out.toString(), documentCodePage, new ArrayList<>(warnings));
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
    private boolean closeGroup() {
        if (depth == 0) {
            return true;
        }
        state = stack[--depth];
        stack[depth] = null;
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
        if (ignorable) {
            boolean htmlTag = kind == RtfBody.Kind.HTML && word.equals("htmltag") && state.destination == NORMAL
                && !state.htmlrtf;
            state.destination = htmlTag ? HTML_TAG : SKIP;
            return true;
        }
        if (word.equals("fonttbl")) {
            state.destination = FONT_TABLE;
            return true;
        }
        if (DESTINATIONS.contains(word)) {
            state.destination = SKIP;
            return true;
        }
        return false;
    }

    private void word(String word, boolean hasParameter, int parameter) throws RtfException {
        if (state.destination == SKIP) {
            return;
        }
        if (state.destination == FONT_TABLE) {
            fontTableWord(word, parameter);
            return;
        }
        if (skipCount > 0) {
            skipCount--;
            return;
        }
        switch (word) {
            case "deff":
                defaultFont = parameter;
                break;
            case "f":
                state.font = parameter;
                break;
            case "plain":
                state.font = -1;
                break;
            case "uc":
                state.uc = Math.max(0, Math.min(parameter, MAX_SKIP));
                break;
            case "htmlrtf":
                if (state.destination == NORMAL) {
                    state.htmlrtf = !hasParameter || parameter != 0;
                }
                break;
            case "u":
                if (hasParameter) {
                    text(String.valueOf((char) (parameter < 0 ? parameter + 65536 : Math.min(parameter, 0xFFFF))));
                    skipCount = state.uc;
                }
                break;
            case "par":
            case "line":
                text("\r\n");
                break;
            case "tab":
                text("\t");
                break;
            case "lquote":
                text("\u2018");
                break;
            case "rquote":
                text("\u2019");
                break;
            case "ldblquote":
                text("\u201C");
                break;
            case "rdblquote":
                text("\u201D");
                break;
            case "bullet":
                text("\u2022");
                break;
            case "endash":
                text("\u2013");
                break;
            case "emdash":
                text("\u2014");
                break;
            default:
                break;
        }
    }

    private void fontTableWord(String word, int parameter) {
        switch (word) {
            case "f":
                definedFont = parameter;
                break;
            case "fcharset":
                fontCharacterSets.put(definedFont, parameter);
                break;
            case "cpg":
                fontCodePages.put(definedFont, parameter);
                break;
            default:
                break;
        }
    }

    private void symbol(int c) throws RtfException {
        if (state.destination == SKIP || state.destination == FONT_TABLE) {
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
            case '-':
                text("\u00AD");
                break;
            default:
                break;
        }
    }

    private boolean emitting() {
        if (state.destination == HTML_TAG) {
            return true;
        }
        return state.destination == NORMAL && (kind == RtfBody.Kind.TEXT || !state.htmlrtf);
    }

    private void octet(int value) throws RtfException {
        if (!emitting()) {
            return;
        }
        int codePage = state.destination == HTML_TAG ? documentCodePage : fontCodePage();
        if (pendingLength > 0 && codePage != pendingCodePage) {
            flush();
        }
        if (out.length() + pendingLength >= limits.maxOutputChars()) {
            throw overflow();
        }
        if (pendingLength == pending.length) {
            pending = Arrays.copyOf(pending, pendingLength * 2);
        }
        pending[pendingLength++] = (byte) value;
        pendingCodePage = codePage;
    }

    private void text(String text) throws RtfException {
        if (!emitting()) {
            return;
        }
        flush();
        if (out.length() + text.length() > limits.maxOutputChars()) {
            throw overflow();
        }
        out.append(text);
    }

    private RtfException overflow() {
        return new RtfException("De-encapsulated " + kind + " exceeds maxOutputChars " + limits.maxOutputChars());
    }

    private int fontCodePage() {
        int font = state.font >= 0 ? state.font : defaultFont;
        Integer codePage = fontCodePages.get(font);
        if (codePage != null && codePage > 0) {
            return codePage;
        }
        Integer characterSet = fontCharacterSets.get(font);
        return characterSet == null ? documentCodePage : CodePages.ofCharacterSet(characterSet, documentCodePage);
    }

    private void flush() throws RtfException {
        if (pendingLength == 0) {
            return;
        }
        String decoded = new String(pending, 0, pendingLength, charset(pendingCodePage));
        pendingLength = 0;
        if (out.length() + decoded.length() > limits.maxOutputChars()) {
            throw overflow();
        }
        out.append(decoded);
    }

    private Charset charset(int codePage) {
        Charset charset = charsets.get(codePage);
        if (charset == null) {
            Optional<Charset> known = CodePages.lookup(codePage);
            if (known.isEmpty()) {
                warn("Code page " + codePage + " is not supported; decoded as windows-1252");
            }
            charset = known.orElseGet(() -> CodePages.charset(CodePages.DEFAULT));
            charsets.put(codePage, charset);
        }
        return charset;
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
