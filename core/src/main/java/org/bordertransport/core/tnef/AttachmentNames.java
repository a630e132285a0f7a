package org.bordertransport.core.tnef;

import java.util.Optional;

/** The safe file name of an attachment. */
final class AttachmentNames {
    private AttachmentNames() {
    }

    /** The candidates in order, cleaned; the first non-empty wins, else {@code attachment-N.ext}. */
    @SafeVarargs
    static String choose(int number, Optional<String> extension, Optional<String>... candidates) {
        for (Optional<String> candidate : candidates) {
            if (candidate.isPresent()) {
                String clean = clean(candidate.get());
                if (!clean.isEmpty()) {
                    return clean;
                }
            }
        }
        String ext = extension.map(AttachmentNames::clean).orElse("");
        if (!ext.isEmpty() && !ext.startsWith(".")) {
            ext = "." + ext;
        }
        return "attachment-" + number + (ext.equals(".") ? "" : ext);
    }

    /** Last path segment (after / or \), without control characters, trimmed; "" for "." and "..". */
    static String clean(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                out.setLength(0);
            } else if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                out.append(c);
            }
        }
        String s = out.toString().trim();
        return s.equals(".") || s.equals("..") ? "" : s;
    }
}
