package org.bordertransport.demo.soak;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Genuine SRS addresses seen at the sink (forwarded copies' senders), each with the original sender it reverses to. */
final class SrsPool {
    private static final int MAX = 200;
    private final List<String[]> pairs = new CopyOnWriteArrayList<>();

    void add(String srsAddress, String original) {
        if (pairs.size() < MAX && srsAddress.contains("SRS")) {
            pairs.add(new String[] {srsAddress, original});
        }
    }

    int size() {
        return pairs.size();
    }

    /** One of the addresses, chosen by {@code n}; null while there is none. */
    String[] pick(int n) {
        int size = pairs.size();
        return size == 0 ? null : pairs.get(Math.floorMod(n, size));
    }
}
