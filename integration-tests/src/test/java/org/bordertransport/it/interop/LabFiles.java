package org.bordertransport.it.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/** Files of the lab: the MTAs' temporary directories (captured bounces: {@link Lab#saveSample}). */
public final class LabFiles {
    private LabFiles() {
    }

    /**
     * Removes a directory and everything in it. An MTA's last child process may still be writing when its daemon has
     * stopped, so this tries again for up to 10 s before it fails.
     */
    public static void deleteRecursively(Path directory) {
        Awaitility.await("removal of " + directory).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
            .ignoreExceptionsInstanceOf(UncheckedIOException.class)
            .until(() -> {
                deleteOnce(directory);
                return !Files.exists(directory);
            });
    }

    private static void deleteOnce(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile: the next try sees what is left
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        }
    }
}
