package org.bordertransport.core.fuzzing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * What the fuzz tests ({@code *FuzzTest}, Jazzer's {@code @FuzzTest}) share.
 *
 * <ul>
 *   <li>{@link #MAX_INPUT_OCTETS}: longer inputs are not run (libFuzzer's {@code -max_len} in a campaign, this check
 *       in regression mode);</li>
 *   <li>{@link #PER_INPUT_TIMEOUT_SECONDS}: the {@code @Timeout} of every fuzz test method. In regression mode
 *       (plain {@code mvn verify}) JUnit applies it to each seed, one invocation each; in a campaign
 *       ({@code JAZZER_FUZZ=1}, {@code bin/fuzz}) Jazzer passes it to libFuzzer as {@code -timeout}, so an input that
 *       runs longer is a finding (a {@code timeout-*} file);</li>
 *   <li>{@link #checkReplayed}: a regression run that ran the method must have run every seed of its
 *       {@code <TestClass>Inputs/<method>} directory (a replay that silently runs no seed is a defect).</li>
 * </ul>
 */
public final class FuzzSupport {
    /** 1 MiB: the largest input a fuzz test runs. */
    public static final int MAX_INPUT_OCTETS = 1 << 20;
    /** Per input; generous, as the machine running the regression may be busy: a hang guard, not a speed test. */
    public static final long PER_INPUT_TIMEOUT_SECONDS = 30;

    private FuzzSupport() {
    }

    /** True in a fuzzing campaign ({@code JAZZER_FUZZ} set), false in regression mode. */
    public static boolean fuzzing() {
        String value = System.getenv("JAZZER_FUZZ");
        return value != null && !value.isEmpty() && !"0".equals(value) && !"false".equalsIgnoreCase(value);
    }

    /** Whether an input is small enough to run. */
    public static boolean fits(byte[] input) {
        return input.length <= MAX_INPUT_OCTETS;
    }

    /** The seed files of a fuzz test method, from the test class path. */
    public static long seedCount(Class<?> testClass, String method) {
        URL url = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
        if (url == null) {
            return 0;
        }
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For an {@code @AfterAll}: when the fuzz test method ran in regression mode ({@code invocations > 0}), it ran
     * every seed in its inputs directory (Jazzer adds one invocation with the empty input), and there are seeds.
     */
    public static void checkReplayed(Class<?> testClass, String method, int invocations) {
        if (fuzzing() || invocations == 0) {
            return;
        }
        long seeds = seedCount(testClass, method);
        assertThat(seeds).as("seed files of %s#%s", testClass.getSimpleName(), method).isPositive();
        assertThat((long) invocations).as("inputs replayed by %s#%s", testClass.getSimpleName(), method)
            .isGreaterThanOrEqualTo(seeds);
    }
}
