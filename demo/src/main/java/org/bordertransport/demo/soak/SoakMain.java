package org.bordertransport.demo.soak;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/soak [N] [--corpus DIR | --no-corpus] [--clients C] [--expired-srs A,B,...] [--big BYTES]
 * [--over-limit BYTES] [--big-tnef BYTES]}: exit 0 when every accepted message is accounted for.
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        Soak.Config config = new Soak.Config();
        Path repo = Paths.get(".").toAbsolutePath().normalize();
        boolean corpusChosen = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--repo":
                    repo = Paths.get(args[++i]).toAbsolutePath().normalize();
                    break;
                case "--corpus":
                    config.corpus = Paths.get(args[++i]).toAbsolutePath().normalize();
                    corpusChosen = true;
                    break;
                case "--max-minutes":
                    config.maxSending = java.time.Duration.ofMinutes(Long.parseLong(args[++i]));
                    break;
                case "--sample-minutes":
                    config.sampleEvery = java.time.Duration.ofMinutes(Long.parseLong(args[++i]));
                    break;
                case "--max-queued":
                    config.maxQueued = Long.parseLong(args[++i]);
                    break;
                case "--james-option":
                    List<String> jvm = new java.util.ArrayList<>(config.jvm);
                    jvm.add(args[++i]);
                    config.jvm = List.copyOf(jvm);
                    break;
                case "--stock":
                    config.stock = true;
                    break;
                case "--no-corpus":
                    corpusChosen = true;
                    break;
                case "--clients":
                    config.clients = Integer.parseInt(args[++i]);
                    break;
                case "--expired-srs":
                    config.expiredSrs = List.of(args[++i].split(","));
                    break;
                case "--big":
                    config.bigBytes = Integer.parseInt(args[++i]);
                    break;
                case "--over-limit":
                    config.overLimitBytes = Integer.parseInt(args[++i]);
                    break;
                case "--big-tnef":
                    config.bigTnefBytes = Integer.parseInt(args[++i]);
                    break;
                default:
                    if (!arg.matches("\\d+")) {
                        throw new IllegalArgumentException("usage: soak [N] [--corpus DIR|--no-corpus] [--clients C]"
                            + " [--expired-srs A,B] [--big BYTES] [--over-limit BYTES] [--big-tnef BYTES]; not "
                            + Arrays.asList(args));
                    }
                    config.messages = Integer.parseInt(arg);
            }
        }
        config.repo = repo;
        if (!corpusChosen) {
            config.corpus = repo.resolve("../shared/corpus/mime").normalize();
        }
        config.work = Files.createDirectories(repo.resolve("demo/target/soak/run-" + System.currentTimeMillis()));
        // the report is this command's output (stdout), as bin/bench-e2e's is; James logs through its own logback
        PrintStream out = System.out;
        Soak.Report report = new Soak(config, out).run();
        out.println("(work directory and result.md: " + config.work + ")");
        System.exit(report.passed() ? 0 : 1);
    }
}
