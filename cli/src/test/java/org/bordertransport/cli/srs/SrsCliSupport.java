package org.bordertransport.cli.srs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bordertransport.cli.Cli;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;

/** A secrets file and the {@code border srs} command line around it. */
final class SrsCliSupport {
    /** With this secret, bob@example.com forwarded at forward.example on 2026-11-23 is SRS0=hvbe=JM=... (core vector). */
    static final String SECRET = "first-secret-0123456789";
    static final String OLD_SECRET = "older-secret-0123456789";
    static final String DAY = "2026-11-23";
    static final Clock AT_DAY = Clock.fixed(Instant.parse(DAY + "T00:00:00Z"), ZoneOffset.UTC);

    private SrsCliSupport() {
    }

    static Path secretFile(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, (String.join("\n", lines) + (lines.length == 0 ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** {@code border srs COMMAND --secret-file FILE ARGS...}, run with {@code dir} as the configuration directory. */
    static Cli.Result srs(Path dir, Path secrets, String command, String... args) {
        List<String> line = new ArrayList<>(Arrays.asList("srs", command, "--secret-file", secrets.toString()));
        line.addAll(Arrays.asList(args));
        return Cli.run(dir, line.toArray(new String[0]));
    }

    static StandardSrs standard(String domain, Clock clock, String... secrets) {
        return StandardSrs.builder(SrsSecrets.of(secrets), domain).clock(clock).build();
    }

    static Microsoft365Srs m365(String domain, Clock clock, String... secrets) {
        return Microsoft365Srs.builder(SrsSecrets.of(secrets), domain).clock(clock).build();
    }
}
