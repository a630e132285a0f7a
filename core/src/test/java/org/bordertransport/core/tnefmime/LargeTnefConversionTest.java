package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's memory target: a message with a 100 MB winmail.dat converts to MIME in a JVM limited to
 * {@code -Xmx256m}, the attachment decoding identical. Not a timing test: the timeout only stops a hung child.
 */
class LargeTnefConversionTest {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void hundredMegabyteWinmailDatConvertsWithA256MegabyteHeap(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp",
            System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("surefire.test.class.path",
                ""), LargeTnefHarness.class.getName(), dir.toString(), "100"))
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        String[] ok = output.trim().split("\n");
        String[] fields = ok[ok.length - 1].split(" ");
        assertThat(fields[0]).as(output).isEqualTo("ok");
        assertThat(Long.parseLong(fields[1])).isGreaterThanOrEqualTo(100L * 1024 * 1024);
        assertThat(Long.parseLong(fields[2])).as("base64 output").isGreaterThan(130L * 1024 * 1024);
        assertThat(Long.parseLong(fields[3])).as("peak heap").isLessThan(256L * 1024 * 1024);
    }
}
