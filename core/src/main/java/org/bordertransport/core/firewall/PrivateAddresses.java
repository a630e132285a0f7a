package org.bordertransport.core.firewall;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether an IP address written in a trace field is one of a private network: IPv4 {@code 10/8}, {@code 172.16/12},
 * {@code 192.168/16}, loopback {@code 127/8}, link-local {@code 169.254/16}, shared {@code 100.64/10}, {@code 0/8};
 * IPv6 loopback {@code ::1}, unspecified {@code ::}, unique local {@code fc00::/7}, link-local {@code fe80::/10}, and
 * IPv4-mapped forms of the IPv4 ranges. Parsed by hand: no name is ever resolved.
 */
final class PrivateAddresses {
    private PrivateAddresses() {
    }

    /** The four octets of a dotted-quad IPv4 address, absent when {@code text} is not one. */
    static Optional<int[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            octets[i] = Integer.parseInt(part);
            if (octets[i] > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(octets);
    }

    static boolean isPrivateIpv4(int[] o) {
        return o[0] == 10 || o[0] == 127 || o[0] == 0
            || o[0] == 172 && o[1] >= 16 && o[1] <= 31
            || o[0] == 192 && o[1] == 168
            || o[0] == 169 && o[1] == 254
            || o[0] == 100 && o[1] >= 64 && o[1] <= 127;
    }

    /** The eight 16-bit groups of an IPv6 address ({@code ::} and an IPv4 tail allowed), absent when not one. */
    static Optional<int[]> ipv6(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("ipv6:")) {
            t = t.substring(5);
        }
        if (t.indexOf(':') < 0 || !t.chars().allMatch(c -> c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            return Optional.empty();
        }
        int[] tail = new int[0];
        int lastColon = t.lastIndexOf(':');
        if (t.indexOf('.') >= 0) {
            Optional<int[]> v4 = ipv4(t.substring(lastColon + 1));
            if (v4.isEmpty()) {
                return Optional.empty();
            }
            int[] o = v4.get();
            tail = new int[] {o[0] << 8 | o[1], o[2] << 8 | o[3]};
            String prefix = t.substring(0, lastColon + 1);
            t = prefix.endsWith("::") ? prefix : prefix.substring(0, prefix.length() - 1);
        }
        int doubleColon = t.indexOf("::");
        if (doubleColon >= 0 && t.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String[] head = groups(doubleColon >= 0 ? t.substring(0, doubleColon) : t);
        String[] rest = doubleColon >= 0 ? groups(t.substring(doubleColon + 2)) : new String[0];
        if (head == null || rest == null) {
            return Optional.empty();
        }
        int explicit = head.length + rest.length + tail.length;
        if (doubleColon < 0 && explicit != 8 || doubleColon >= 0 && explicit > 7) {
            return Optional.empty();
        }
        int[] out = new int[8];
        for (int i = 0; i < head.length; i++) {
            out[i] = Integer.parseInt(head[i], 16);
        }
        int end = 8 - tail.length;
        for (int i = 0; i < rest.length; i++) {
            out[end - rest.length + i] = Integer.parseInt(rest[i], 16);
        }
        System.arraycopy(tail, 0, out, end, tail.length);
        return Optional.of(out);
    }

    private static String[] groups(String part) {
        if (part.isEmpty()) {
            return new String[0];
        }
        String[] groups = part.split(":", -1);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
        }
        return groups;
    }

    static boolean isPrivateIpv6(int[] g) {
        boolean zeroHead = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
        if (zeroHead && g[5] == 0 && g[6] == 0 && (g[7] == 0 || g[7] == 1)) {
            return true;
        }
        if (zeroHead && g[5] == 0xffff) {
            return isPrivateIpv4(new int[] {g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff});
        }
        return (g[0] & 0xfe00) == 0xfc00 || (g[0] & 0xffc0) == 0xfe80;
    }

    /**
     * Whether {@code text} is an IP address, bare or as an address literal ({@code [10.1.2.3]},
     * {@code [IPv6:fd00::1]}): empty when it is none, else whether the address is private.
     */
    static Optional<Boolean> classify(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        Optional<int[]> v4 = ipv4(t);
        if (v4.isPresent()) {
            return Optional.of(isPrivateIpv4(v4.get()));
        }
        Optional<int[]> v6 = ipv6(t);
        return v6.map(PrivateAddresses::isPrivateIpv6);
    }
}
