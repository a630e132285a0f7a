package org.bordertransport.core.messageid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.bordertransport.core.mail.HeaderField;

/**
 * Rewrites the Message-IDs of one message's header: internal IDs to public ones when mail leaves the
 * organisation, public ones back to internal ones when replies come in.
 *
 * <p>IDs are read from {@code Message-ID}, {@code Resent-Message-ID}, {@code In-Reply-To} and {@code References}.
 * Outbound, every copy of a replaced ID elsewhere in the header (for instance an {@code X-Original-Message-ID})
 * is replaced too, so the internal host name leaves in no header. Headers that do not change keep their exact
 * raw value.</p>
 */
public final class MessageIdRewriter {
    public static final List<String> ID_HEADERS = List.of("Message-ID", "Resent-Message-ID", "In-Reply-To", "References");

    private final PublicMessageIds codec;
    private final InternalHosts internalHosts;

    public MessageIdRewriter(PublicMessageIds codec, InternalHosts internalHosts) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.internalHosts = Objects.requireNonNull(internalHosts, "internalHosts");
        if (internalHosts.isInternal(codec.publicDomain())) {
            throw new IllegalArgumentException("public domain '" + codec.publicDomain()
                + "' is itself an internal host: public IDs would be rewritten again");
        }
    }

    /** What a rewrite did. */
    public static final class Outcome {
        private final List<HeaderField> headers;
        private final int rewritten;
        private final int oneWay;
        private final int unverified;

        Outcome(List<HeaderField> headers, int rewritten, int oneWay, int unverified) {
            this.headers = Collections.unmodifiableList(headers);
            this.rewritten = rewritten;
            this.oneWay = oneWay;
            this.unverified = unverified;
        }

        /** The header, in the same order; unchanged fields are the same instances as given. */
        public List<HeaderField> headers() {
            return headers;
        }

        /** Distinct IDs replaced. */
        public int rewritten() {
            return rewritten;
        }

        /** Of those, IDs too long to encrypt reversibly that got the one-way form. */
        public int oneWay() {
            return oneWay;
        }

        /** Public-looking IDs on our domain that did not verify (forged, altered, unknown key) and were left alone. */
        public int unverified() {
            return unverified;
        }

        public boolean changed() {
            return rewritten > 0;
        }
    }

    /** Internal IDs become public ones, everywhere in the header. */
    public Outcome toPublic(List<HeaderField> headers) {
        return toPublic(headers, ID_HEADERS);
    }

    /**
     * As {@link #toPublic(List)}, the IDs being read from the fields named {@code idFields} (for instance
     * {@code Original-Message-ID} of a disposition notification); copies elsewhere in {@code headers} are replaced too.
     */
    public Outcome toPublic(List<HeaderField> headers, List<String> idFields) {
        Map<String, String> replaced = new LinkedHashMap<>();
        List<HeaderField> out = mapIds(headers, idFields, id -> internalHosts.isInternal(MsgIdList.rightPart(id))
            ? replaced.computeIfAbsent(id, codec::toPublic)
            : null);
        if (replaced.isEmpty()) {
            return new Outcome(out, 0, 0, 0);
        }
        for (int i = 0; i < out.size(); i++) {
            HeaderField field = out.get(i);
            String updated = field.value();
            for (Map.Entry<String, String> e : replaced.entrySet()) {
                updated = replaceWholeIds(updated, e.getKey(), e.getValue());
            }
            if (!updated.equals(field.value())) {
                out.set(i, field.withValue(updated));
            }
        }
        int oneWay = (int) replaced.values().stream().filter(PublicMessageIds::isOneWay).count();
        return new Outcome(out, replaced.size(), oneWay, 0);
    }

    /** Public IDs made with our keys become internal again; anything that does not verify is left as it is. */
    public Outcome toInternal(List<HeaderField> headers) {
        return toInternal(headers, ID_HEADERS);
    }

    /** As {@link #toInternal(List)}, the IDs being read from the fields named {@code idFields}. */
    public Outcome toInternal(List<HeaderField> headers, List<String> idFields) {
        Map<String, String> restored = new LinkedHashMap<>();
        int[] unverified = {0};
        List<HeaderField> out = mapIds(headers, idFields, id -> {
            if (!codec.looksPublic(id)) {
                return null;
            }
            String internal = restored.get(id);
            if (internal == null) {
                internal = codec.toInternal(id).filter(MessageIdRewriter::isSafeId).orElse(null);
            }
            if (internal == null) {
                unverified[0]++;
                return null;
            }
            restored.put(id, internal);
            return internal;
        });
        return new Outcome(out, restored.size(), 0, unverified[0]);
    }

    /**
     * Applies {@code mapper} to every ID of the ID headers; it returns the new ID, or {@code null} to keep the ID.
     * Fields with no new ID are the same instances in the result.
     */
    private static List<HeaderField> mapIds(List<HeaderField> headers, List<String> idFields,
                                            UnaryOperator<String> mapper) {
        List<HeaderField> out = new ArrayList<>(headers.size());
        for (HeaderField field : headers) {
            if (!isIdHeader(field, idFields)) {
                out.add(field);
                continue;
            }
            List<MsgIdList.Token> tokens = MsgIdList.parse(field.value());
            List<MsgIdList.Token> mapped = new ArrayList<>(tokens.size());
            boolean changed = false;
            for (MsgIdList.Token token : tokens) {
                String replacement = token.id ? mapper.apply(token.text) : null;
                if (replacement == null) {
                    mapped.add(token);
                } else {
                    mapped.add(MsgIdList.Token.id(replacement));
                    changed = true;
                }
            }
            out.add(changed ? field.withValue(MsgIdList.render(mapped)) : field);
        }
        return out;
    }

    /**
     * Replaces the copies of {@code id} in {@code text} that stand as a whole word: not inside a longer ID or host
     * name ({@code a1.2@srv.lan.example.com} does not hold {@code 1.2@srv.lan}). A dot may end a sentence after
     * the ID; a dot followed by more of a name continues it.
     */
    static String replaceWholeIds(String text, String id, String replacement) {
        int at = text.indexOf(id);
        if (at < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        while (at >= 0) {
            int end = at + id.length();
            boolean startsWord = at == 0 || !(isIdChar(text.charAt(at - 1)) || text.charAt(at - 1) == '.');
            boolean endsWord = end == text.length() || !(isIdChar(text.charAt(end))
                || text.charAt(end) == '.' && end + 1 < text.length() && isIdChar(text.charAt(end + 1)));
            int next = at + 1;
            if (startsWord && endsWord) {
                if (out == null) {
                    out = new StringBuilder(text.length() + replacement.length());
                }
                out.append(text, copied, at).append(replacement);
                copied = end;
                next = end;
            }
            at = text.indexOf(id, next);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** atext (RFC 5322) and {@code @}: the characters a Message-ID is made of, but for the dot. */
    private static boolean isIdChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '@'
            || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    /** A decrypted ID is ours, but it goes back into a header: refuse anything that could break the header. */
    private static boolean isSafeId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '<' || c == '>') {
                return false;
            }
        }
        return id.indexOf('@') > 0;
    }

    private static boolean isIdHeader(HeaderField field, List<String> idFields) {
        for (String name : idFields) {
            if (field.hasName(name)) {
                return true;
            }
        }
        return false;
    }
}
