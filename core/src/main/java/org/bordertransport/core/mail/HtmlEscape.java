package org.bordertransport.core.mail;

/** Text made safe for HTML content and attribute values: {@code & < > "} as character references. */
public final class HtmlEscape {
    private HtmlEscape() {
    }

    public static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            escape(text.charAt(i), out);
        }
        return out.toString();
    }

    public static void escape(char c, StringBuilder out) {
        switch (c) {
            case '&':
                out.append("&amp;");
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '"':
                out.append("&quot;");
                break;
            default:
                out.append(c);
                break;
        }
    }
}
