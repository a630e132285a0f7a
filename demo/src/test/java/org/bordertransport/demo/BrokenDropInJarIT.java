package org.bordertransport.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The process test's safety net, checked: a "drop-in" that needs a class James does not ship (here our mailets and
 * matchers without core and the adapter layer they need) makes James exit at startup, and {@link JamesProcess#awaitStarted} reports it quickly with
 * the ClassNotFoundException from James's log, rather than waiting out its timeout.
 */
class BrokenDropInJarIT {
    @Test
    void jamesRefusesAJarThatNeedsClassesJamesDoesNotShip() throws Exception {
        Path work = ProcessTestSupport.freshDirectory("broken");
        JamesWorkDir dir = JamesWorkDir.create(work.resolve("james"), ProcessTestSupport.shippedConf(),
            ProcessTestSupport.localSettings(ProcessTestSupport.freePort(), ProcessTestSupport.freePort(),
                ProcessTestSupport.freePort(), ProcessTestSupport.freePort()),
            ProcessTestSupport.partialJars());
        long start = System.nanoTime();

        try (JamesProcess james = JamesProcess.start(ProcessTestSupport.jamesLib(), dir.root(),
            ProcessTestSupport.JAMES_JVM)) {
            assertThatThrownBy(() -> james.awaitStarted(Duration.ofSeconds(90)))
                .isInstanceOf(JamesProcess.JamesStartupException.class)
                .hasMessageContaining("before \"JAMES server started\"")
                .hasMessageContaining("java.lang.ClassNotFoundException: org.bordertransport.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
            assertThat(james.isAlive()).isFalse();
        }
    }
}
