package org.bordertransport.demo.soak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of the soak as it is sent: its token number, kind, envelope and bytes (CRLF line ends, the
 * {@code X-Soak-Token} field first), and where each recipient's copy must end up when James accepts it.
 */
final class SoakMessage {
    final int token;
    final String kind;
    final String mailFrom;
    final List<String> rcptTo;
    /** Accepted recipient → the address its copy is delivered to (an RRT forward's target, an SRS bounce's sender). */
    final Map<String, String> finalAddress;
    final byte[] data;

    SoakMessage(int token, String kind, String mailFrom, List<String> rcptTo, Map<String, String> finalAddress,
                byte[] data) {
        this.token = token;
        this.kind = Objects.requireNonNull(kind);
        this.mailFrom = Objects.requireNonNull(mailFrom);
        this.rcptTo = List.copyOf(rcptTo);
        this.finalAddress = Map.copyOf(finalAddress);
        this.data = Objects.requireNonNull(data);
    }

    static SoakMessage of(int token, String kind, String mailFrom, List<String> rcptTo, byte[] data) {
        return new SoakMessage(token, kind, mailFrom, rcptTo, Map.of(), data);
    }

    SoakMessage withFinal(String rcpt, String address) {
        Map<String, String> map = new LinkedHashMap<>(finalAddress);
        map.put(rcpt, address);
        return new SoakMessage(token, kind, mailFrom, rcptTo, map, data);
    }

    String finalOf(String rcpt) {
        return finalAddress.getOrDefault(rcpt, rcpt);
    }

    static String tokenValue(int token) {
        return "soak-" + token;
    }
}
