package org.bordertransport.cli.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bordertransport.cli.srs.SrsCliSupport.DAY;
import static org.bordertransport.cli.srs.SrsCliSupport.SECRET;
import static org.bordertransport.cli.srs.SrsCliSupport.secretFile;
import static org.bordertransport.cli.srs.SrsCliSupport.srs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bordertransport.cli.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrsRelayCommandTest {
    @TempDir
    Path dir;
    Path secrets;

    @BeforeEach
    void setUp() throws IOException {
        secrets = secretFile(dir, "secrets", SECRET);
    }

    private Cli.Result relay(String... args) {
        return srs(dir, secrets, "relay", args);
    }

    @Test
    void shouldPrintTheBouncesForm() throws Exception {
        Cli.Result result = relay("--domain", "relay.example", "--now", DAY, "bob@example.com");

        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.lines()).containsExactly("bounces+SRS=rormdxdb=JM@relay.example");
        assertThat(result.lines()[0]).isEqualTo(SrsCliSupport.m365("relay.example", SrsCliSupport.AT_DAY, SECRET)
            .relay("bob@example.com").address());
    }

    @Test
    void shouldNotDependOnTheSender() {
        assertThat(relay("--domain", "relay.example", "--now", DAY, "carol@other.example").out())
            .isEqualTo(relay("--domain", "relay.example", "--now", DAY, "bob@example.com").out());
    }

    @Test
    void shouldPrintJson() {
        Cli.Result result = relay("--domain", "relay.example", "--now", DAY, "--json", "bob@example.com");

        assertThat(result.lines()).containsExactly("{\"address\":\"bounces+SRS=rormdxdb=JM@relay.example\",\"format\":\"m365\","
            + "\"outcome\":\"BOUNCES\",\"rewritten\":true,\"sender\":\"bob@example.com\",\"domain\":\"relay.example\"}");
    }

    @Test
    void shouldDefaultToTheDefaultDomainOfTheConfiguration() {
        Cli.Result result = srs(Cli.testConf(), secrets, "relay", "--now", DAY, "--json", "bob@example.com");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).matches("\\{\"address\":\"bounces\\+SRS=[a-z2-7]{8}=JM@example\\.org\",.*\"domain\":\"example\\.org\"}\n");
    }

    @Test
    void senderAtTheDomainShouldBePrintedUnchanged() {
        Cli.Result result = relay("--domain", "relay.example", "--json", "alice@relay.example");

        assertThat(result.out()).startsWith("{\"address\":\"alice@relay.example\",\"format\":\"m365\",\"outcome\":\"SAME_DOMAIN\",\"rewritten\":false,");
    }

    @Test
    void malformedSenderShouldExitOne() {
        Cli.Result result = relay("--domain", "relay.example", "bob@");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("{\"error\":\"MALFORMED\",\"message\":\"");
    }

    @Test
    void withoutDomainAndDomainListShouldExitTwo() {
        Cli.Result result = relay("bob@example.com");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("border: border srs relay: no domain: give --domain DOMAIN ("
            + dir.resolve("domainlist.xml") + " names no <defaultDomain>)\n");
    }

    @Test
    void invalidDefaultDomainShouldExitTwoNamingTheFile() throws Exception {
        Files.write(dir.resolve("domainlist.xml"), "<domainlist><defaultDomain>localhost</defaultDomain></domainlist>"
            .getBytes(StandardCharsets.UTF_8));

        Cli.Result result = relay("bob@example.com");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("border: <defaultDomain> of " + dir.resolve("domainlist.xml")
            + ": 'localhost' is not a fully qualified domain name: expected at least two labels such as example.com\n");
    }

    @Test
    void invalidDomainShouldExitTwo() {
        Cli.Result result = relay("--domain", "bad..example", "bob@example.com");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("border: border srs relay: invalid parameter '--domain': ");
    }

    @Test
    void srs0FormatShouldExitTwo() {
        Cli.Result result = relay("--format", "srs0", "--domain", "relay.example", "bob@example.com");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("border: border srs relay: srs0 has no relay form: use 'border srs forward --format srs0'\n");
    }

    @Test
    void noSenderShouldExitTwo() {
        assertThat(relay("--domain", "relay.example").stderr()).startsWith("border: border srs relay: no sender given\n");
    }
}
