package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MessageIdGeneratorTest {
    @Test
    void nextShouldBeAValidIdOnTheDomain() {
        MessageIdGenerator generator = MessageIdGenerator.forDomain("Border.Test");
        String id = generator.next();
        assertThat(id).matches("<[a-z2-7]{26}@border\\.test>");
        assertThat(MessageIdSyntax.check(id)).isEqualTo(MessageIdSyntax.Status.VALID);
        assertThat(generator.next()).isNotEqualTo(id);
    }

    @Test
    void forDomainShouldRefuseHostNamesAndJunk() {
        assertThatThrownBy(() -> MessageIdGenerator.forDomain("localhost")).hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> MessageIdGenerator.forDomain("bad domain.com")).hasMessageContaining("'bad domain.com'");
    }

    @Test
    void idsShouldBeUniqueAcrossEightThreadsAndTwoNodes() throws Exception {
        MessageIdGenerator nodeA = MessageIdGenerator.forDomain("border.test");
        MessageIdGenerator nodeB = MessageIdGenerator.forDomain("border.test");
        int threads = 8;
        int perThread = 125_000;
        Set<String> seen = ConcurrentHashMap.newKeySet(threads * perThread * 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MessageIdGenerator node = t % 2 == 0 ? nodeA : nodeB;
                results.add(pool.submit(() -> {
                    int duplicates = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (!seen.add(node.next())) {
                            duplicates++;
                        }
                    }
                    return duplicates;
                }));
            }
            int duplicates = 0;
            for (Future<Integer> result : results) {
                duplicates += result.get(1, TimeUnit.MINUTES);
            }
            assertThat(duplicates).isZero();
            assertThat(seen).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void uniquenessCheckShouldBeAbleToFail() {
        // a generator whose randomness repeats makes the same IDs: the set-based check above would see them
        java.security.SecureRandom fixed = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 1);
            }

            @Override
            public long nextLong() {
                return 1L;
            }
        };
        MessageIdGenerator a = MessageIdGenerator.forDomain("border.test", fixed);
        MessageIdGenerator b = MessageIdGenerator.forDomain("border.test", fixed);
        assertThat(a.next()).isEqualTo(b.next());
    }
}
