package org.bordertransport.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/**
 * Two James processes with Border Transport and the same shipped conf, under concurrent load (small here; {@code
 * bin/bench-two-nodes} runs 100,000 Message-IDs): no duplicate Message-ID, SRS minted by one node reversed by the
 * other, threading restored on either node.
 */
class TwoNodesIT {
    @Test
    void twoNodesShareNothingButTheConfAndAgreeOnEverything() throws Exception {
        Path repo = Paths.get(System.getProperty("border.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(Paths.get(System.getProperty("border.test.work", "target/it-work"))
            .resolve("two-nodes-" + System.nanoTime()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        TwoNodes.Report report = new TwoNodes(repo, work, new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(400, 3, 2, 4);

        String output = log.toString(StandardCharsets.UTF_8);
        assertThat(report.failures).as(output).isEmpty();
        assertThat(report.idsArrived).isEqualTo(400);
        assertThat(report.idsDistinct).isEqualTo(400);
        assertThat(report.srs).containsExactly("minted by A, reversed by B: 3 of 3",
            "minted by B, reversed by A: 3 of 3");
        assertThat(report.threading).hasSize(2).allMatch(line -> line.endsWith("in 2 of 2 replies"));
    }
}
