package org.bordertransport.core.messageid;

import java.util.Base64;

final class TestKeys {
    private TestKeys() {
    }

    static String key(String id, int seed) {
        byte[] key = new byte[MessageIdKeys.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    static final String SAMPLE = "sample:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==";
}
