package org.bordertransport.cli.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.bordertransport.core.mail.HtmlEscape;
import org.bordertransport.core.policy.RecipientSettings;
import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * Writes the remote-domain file ({@code conf/remotedomains.xml} format, read by {@code RemoteDomainPolicyLoader}):
 * {@code <remoteDomains>} with one {@code <remoteDomain name domain>} or {@code <recipient name address>} per entry,
 * one element per setting, in the order of the documentation. Attribute values and text are escaped; comments never
 * hold {@code --}.
 */
final class PolicyXmlWriter {
    private PolicyXmlWriter() {
    }

    /** @param header the lines of the comment at the top */
    static String write(List<String> header, List<PolicyEntry> entries) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n");
        for (String line : header) {
            out.append("  ").append(comment(line)).append('\n');
        }
        out.append("-->\n<remoteDomains>\n");
        for (PolicyEntry entry : entries) {
            boolean domain = entry.kind() == ImportReport.Kind.REMOTE_DOMAIN;
            out.append('\n');
            out.append(domain ? "  <remoteDomain name=\"" : "  <recipient name=\"").append(escape(entry.name()))
                .append(domain ? "\" domain=\"" : "\" address=\"").append(escape(entry.key())).append('"');
            if (entry.settings().isEmpty() && entry.comments().isEmpty()) {
                out.append("/>\n");
                continue;
            }
            out.append(">\n");
            for (String comment : entry.comments()) {
                out.append("    <!-- ").append(comment(comment)).append(" -->\n");
            }
            List<String> order = domain ? RemoteDomainSettings.SETTING_NAMES : RecipientSettings.SETTING_NAMES;
            List<Map.Entry<String, String>> settings = new ArrayList<>(entry.settings().entrySet());
            settings.sort(Comparator.comparingInt(setting -> order.indexOf(setting.getKey())));
            for (Map.Entry<String, String> setting : settings) {
                out.append("    <").append(setting.getKey()).append('>').append(escape(setting.getValue()))
                    .append("</").append(setting.getKey()).append(">\n");
            }
            out.append(domain ? "  </remoteDomain>\n" : "  </recipient>\n");
        }
        return out.append("\n</remoteDomains>\n").toString();
    }

    /** Escapes for attribute values and text; control characters (never valid in names) become spaces. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            HtmlEscape.escape(c < 0x20 || c == 0x7F ? ' ' : c, out);
        }
        return out.toString();
    }

    /** Comment text: no {@code --}, no trailing {@code -}, no control characters. */
    static String comment(String text) {
        String clean = text.replaceAll("[\\x00-\\x1F\\x7F]", " ");
        while (clean.contains("--")) {
            clean = clean.replace("--", "- -");
        }
        return clean.endsWith("-") ? clean + " " : clean;
    }
}
