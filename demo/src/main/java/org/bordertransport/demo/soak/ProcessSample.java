package org.bordertransport.demo.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Heap in use after a full GC ({@code jcmd PID GC.run}, then {@code GC.heap_info}), open file descriptors and threads
 * ({@code /proc/PID}), resident memory, and the files in the James JVM's temporary directory, at one moment.
 */
final class ProcessSample {
    private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern KIB = Pattern.compile("(\\d+)");

    final String label;
    final long messagesSent;
    final double heapMib;
    final long openFds;
    final long threads;
    final double rssMib;
    final long tempFiles;
    final double tempMib;

    private ProcessSample(String label, long messagesSent, double heapMib, long openFds, long threads, double rssMib,
                          long tempFiles, double tempMib) {
        this.label = label;
        this.messagesSent = messagesSent;
        this.heapMib = heapMib;
        this.openFds = openFds;
        this.threads = threads;
        this.rssMib = rssMib;
        this.tempFiles = tempFiles;
        this.tempMib = tempMib;
    }

    static ProcessSample take(String label, long messagesSent, long pid, Path tempDir) {
        jcmd(pid, "GC.run");
        double heap = -1;
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long kib = 0;
        boolean found = false;
        while (used.find()) {
            kib += Long.parseLong(used.group(1));
            found = true;
        }
        if (found) {
            heap = kib / 1024.0;
        }
        long fds = -1;
        try (Stream<Path> entries = Files.list(Paths.get("/proc", Long.toString(pid), "fd"))) {
            fds = entries.count();
        } catch (IOException e) {
            // stays -1
        }
        long threads = status(pid, "Threads:");
        long rss = status(pid, "VmRSS:");
        long[] temp = {-1, 0};
        for (int attempt = 0; attempt < 5 && temp[0] < 0; attempt++) {
            temp = tempFiles(tempDir);
        }
        return new ProcessSample(label, messagesSent, heap, fds, threads, rss / 1024.0, temp[0],
            temp[1] / 1048576.0);
    }

    /** Files and bytes under the directory; {-1, 0} when a file vanished while it was walked (James deletes them). */
    private static long[] tempFiles(Path tempDir) {
        long files = 0;
        long bytes = 0;
        if (!Files.isDirectory(tempDir)) {
            return new long[] {0, 0};
        }
        try (Stream<Path> walk = Files.walk(tempDir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files++;
                try {
                    bytes += Files.size(file);
                } catch (IOException e) {
                    // deleted meanwhile
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return new long[] {-1, 0};
        }
        return new long[] {files, bytes};
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,d | %.0f | %d | %d | %.0f | %d (%.1f MiB) |", label, messagesSent,
            heapMib, openFds, threads, rssMib, tempFiles, tempMib);
    }

    static String header() {
        return "| moment | messages sent | heap after full GC MiB | open fds | threads | RSS MiB | temp files |\n"
            + "|---|---|---|---|---|---|---|";
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"),
                StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    Matcher m = KIB.matcher(line);
                    return m.find() ? Long.parseLong(m.group(1)) : -1;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
