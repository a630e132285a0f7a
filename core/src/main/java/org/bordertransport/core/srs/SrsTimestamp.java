package org.bordertransport.core.srs;

import java.time.Clock;

/**
 * The standard SRS timestamp: the day number since 1970-01-01 (UTC) modulo 1024, written as two base32 characters
 * ({@code A-Z2-7}, most significant first), read case-insensitively. An address is valid for {@code maxAge} days after
 * the day it was made; because the count wraps every 1024 days, an address is also accepted again 1024 days later,
 * as in every SRS implementation.
 */
final class SrsTimestamp {
    static final int SLOTS = 1024;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final long DAY_MILLIS = 86_400_000L;

    private SrsTimestamp() {
    }

    static int today(Clock clock) {
        return (int) Math.floorMod(Math.floorDiv(clock.millis(), DAY_MILLIS), (long) SLOTS);
    }

    static void append(StringBuilder out, int slot) {
        out.append(first(slot)).append(second(slot));
    }

    static char first(int slot) {
        return ALPHABET.charAt((slot >> 5) & 31);
    }

    static char second(int slot) {
        return ALPHABET.charAt(slot & 31);
    }

    /** The slot written in {@code text[from, to)}, or -1 when it is not exactly two base32 characters. */
    static int decode(CharSequence text, int from, int to) {
        if (to - from != 2) {
            return -1;
        }
        int high = value(text.charAt(from));
        int low = value(text.charAt(from + 1));
        return high < 0 || low < 0 ? -1 : (high << 5) | low;
    }

    /** Days from {@code then} to {@code today}, both slots, in 0..1023. */
    static int age(int today, int then) {
        return Math.floorMod(today - then, SLOTS);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
