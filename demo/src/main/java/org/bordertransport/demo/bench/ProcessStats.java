package org.bordertransport.demo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU time, resident memory and used heap of a process, as Linux's /proc and the JDK's jcmd tell them. */
final class ProcessStats {
    private static final Pattern KIB = Pattern.compile("(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");
    /** USER_HZ: the unit of utime and stime; 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ProcessStats(long pid) {
        this.pid = pid;
    }

    /** User + system CPU seconds the process has used so far. */
    double cpuSeconds() throws IOException {
        return cpuTicks(Files.readString(proc("stat"), StandardCharsets.US_ASCII)) / TICKS_PER_SECOND;
    }

    /** utime + stime of a process's or thread's {@code stat} line. */
    private static long cpuTicks(String stat) {
        // fields after "(comm)": state is field 3, utime 14, stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * User + system CPU seconds the JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) have
     * used so far: the one-off cost of compiling James's and our code, which goes on for minutes after start and which
     * a longer-lived James pays once. Threads that ended meanwhile are not counted (HotSpot keeps at least one
     * compiler thread of each kind).
     */
    double jitCpuSeconds() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc("task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException e) {
                    continue; // the thread ended
                }
                // comm is at most 15 characters: "C2 CompilerThre"
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    ticks += cpuTicks(stat);
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Resident set size now, in MiB. */
    double rssMib() throws IOException {
        return statusKib("VmRSS:") / 1024.0;
    }

    /** The highest resident set size so far, in MiB. */
    double peakRssMib() throws IOException {
        return statusKib("VmHWM:") / 1024.0;
    }

    /** Java heap in use (all generations) as {@code jcmd PID GC.heap_info} reports it, in MiB; -1 if unknown. */
    double heapUsedMib() {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            Matcher used = HEAP_USED.matcher(output);
            long kib = 0;
            boolean found = false;
            while (used.find()) {
                // "garbage-first heap total ..., used ..." or one line per generation (Serial, Parallel)
                kib += Long.parseLong(used.group(1));
                found = true;
            }
            return found ? kib / 1024.0 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private long statusKib(String field) throws IOException {
        for (String line : Files.readAllLines(proc("status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(field)) {
                Matcher m = KIB.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        return -1;
    }

    private Path proc(String name) {
        return Paths.get("/proc", Long.toString(pid), name);
    }
}
