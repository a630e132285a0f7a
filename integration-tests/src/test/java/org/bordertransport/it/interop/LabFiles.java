package org.bordertransport.it.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.bordertransport.it.ReceivedMail;

/** Files of the lab: the MTAs' temporary directories, and the real bounces the tests capture. */
public final class LabFiles {
    /**
     * Where captured bounces are saved: the system property {@code border.lab.bounces} (e.g.
     * {@code -Dborder.lab.bounces=/work/lab-bounces} on the Maven command line), else {@code target/lab-bounces}.
     */
    public static final Path BOUNCES = Paths.get(System.getProperty("border.lab.bounces", "target/lab-bounces"));

    private LabFiles() {
    }

    /**
     * Saves a mail as the MTA sent it (the octets an {@link SmtpTap} recorded) to {@link #BOUNCES}{@code /NAME.eml},
     * for the NDR sample set; returns the file.
     */
    public static Path saveBounce(String name, ReceivedMail mail) throws IOException {
        Files.createDirectories(BOUNCES);
        Path file = BOUNCES.resolve(name + ".eml");
        Files.write(file, mail.raw().getBytes(StandardCharsets.ISO_8859_1));
        return file;
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
