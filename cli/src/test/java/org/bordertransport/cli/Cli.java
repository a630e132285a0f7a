package org.bordertransport.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.bordertransport.cli.common.Context;

/** Runs {@link Border} in the test JVM with captured streams. */
public final class Cli {
    /** 2024-06-03 in UTC: keygen's default id is k240603. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T10:00:00Z"), ZoneOffset.UTC);

    private Cli() {
    }

    public record Result(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }

        public String[] lines() {
            String out = out();
            return out.isEmpty() ? new String[0] : out.split("\n");
        }
    }

    /** The test configuration under src/test/resources/conf. */
    public static Path testConf() {
        return resource("/conf");
    }

    public static Path resource(String name) {
        try {
            return Paths.get(Cli.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    public static Result run(Path conf, String... args) {
        return runWithInput(conf, new byte[0], args);
    }

    public static Result runWithInput(Path conf, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context context = new Context(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), conf, CLOCK, new SecureRandom());
        int exit = new Border().run(context, Arrays.asList(args));
        return new Result(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
