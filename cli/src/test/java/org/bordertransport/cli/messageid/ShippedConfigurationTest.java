package org.bordertransport.cli.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.bordertransport.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands against the conf/ shipped at the root of the repository, as an administrator runs them. */
class ShippedConfigurationTest {
    /** Surefire runs in the module directory. */
    static final Path SHIPPED = Paths.get("..", "conf").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void shippedConfigurationShouldExist() {
        assertThat(SHIPPED.resolve("mailetcontainer.xml")).isRegularFile();
        assertThat(SHIPPED.resolve("domainlist.xml")).isRegularFile();
    }

    @Test
    void roundTripShouldGiveBackTheOriginalIds() throws Exception {
        Path original = dir.resolve("original.eml");
        Files.writeString(original, "From: alice@border.test\r\nTo: carol@example.com\r\n"
            + "Message-ID: <20240603.4711@exch01.corp.local>\r\nIn-Reply-To: <CAFxyz123@mail.gmail.com>\r\n"
            + "References: <first.1@srv.lan>\r\n <CAFxyz123@mail.gmail.com>\r\n\r\nhello\r\n");
        Path hidden = dir.resolve("hidden.eml");
        Path restored = dir.resolve("restored.eml");

        Cli.Result out = Cli.run(SHIPPED, "message-id", "rewrite", original.toString(), "-o", hidden.toString());
        Cli.Result back = Cli.run(SHIPPED, "message-id", "rewrite", "--inbound", hidden.toString(), "-o", restored.toString());

        assertThat(out.exit()).isZero();
        assertThat(back.exit()).isZero();
        assertThat(out.stderr()).contains("uses the public sample key").endsWith("{\"rewritten\":2,\"oneWay\":0,\"unverified\":0}\n");
        assertThat(Files.readString(hidden)).doesNotContain("srv.lan").doesNotContain("corp.local")
            .contains("Message-ID: <sample.").contains("@border.test>");
        assertThat(Files.readString(restored)).isEqualTo(Files.readString(original));
    }

    @Test
    void checkShouldUseTheShippedSuffixes() throws Exception {
        Path internal = dir.resolve("internal.eml");
        Files.writeString(internal, "Message-ID: <20240603.4711@exch01.corp.local>\r\n\r\n");

        Cli.Result external = Cli.run(SHIPPED, "message-id", "check", Cli.resource("/samples/external.eml").toString(),
            Cli.resource("/samples/outbound-reply.eml").toString());
        Cli.Result result = Cli.run(SHIPPED, "message-id", "check", internal.toString());

        // exch01.corp.example.org is internal by the test conf's internalDomains, not by the shipped suffixes
        assertThat(external.exit()).isZero();
        assertThat(external.lines()).hasSize(2).allMatch(line -> line.endsWith("\"internal\":false}"));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).endsWith("\"status\":\"VALID\",\"messageId\":\"<20240603.4711@exch01.corp.local>\",\"internal\":true}\n");
    }
}
