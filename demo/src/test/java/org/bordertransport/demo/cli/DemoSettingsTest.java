package org.bordertransport.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSettingsTest {
    @TempDir
    Path repo;

    private Path jar() throws IOException {
        Path dropin = Files.createDirectories(repo.resolve("demo/target/dropin"));
        return Files.writeString(dropin.resolve("border-transport-9.jar"), "");
    }

    @Test
    void usesTheDocumentedDefaults() throws IOException {
        Path jar = jar();

        DemoSettings settings = DemoSettings.from(new String[] {"--repo", repo.toString()}, Map.of());

        assertThat(settings.smtpPort).isEqualTo(2525);
        assertThat(settings.imapPort).isEqualTo(1143);
        assertThat(settings.webAdminPort).isEqualTo(8000);
        assertThat(settings.sinkPort).isEqualTo(2526);
        assertThat(settings.bindHost).isEqualTo("127.0.0.1");
        assertThat(settings.jar).isEqualTo(jar);
        assertThat(settings.conf).isEqualTo(repo.resolve("conf"));
        assertThat(settings.work).isEqualTo(repo.resolve("demo/target/james-work"));
        assertThat(settings.jamesLib).isEqualTo(repo.resolve("demo/target/james-lib"));
        assertThat(settings.out.getFileName().toString()).isEqualTo("demo-out");
        assertThat(settings.confSettings().mapPort(25)).isEqualTo(2525);
        assertThat(settings.confSettings().mapPort(587)).isEqualTo(10587);
    }

    @Test
    void readsPortsAndOutputFromTheEnvironment() throws IOException {
        jar();

        DemoSettings settings = DemoSettings.from(new String[] {"--repo", repo.toString()}, Map.of(
            "SMTP_PORT", "3525", "IMAP_PORT", "3143", "WEBADMIN_PORT", "9000", "SINK_PORT", "3526",
            "DEMO_OUT", repo.resolve("mail").toString(), "JAMES_JAVA_OPTS", " -Xmx300m  -Dx=y "));

        assertThat(settings.confSettings().mapPort(25)).isEqualTo(3525);
        assertThat(settings.confSettings().mapPort(143)).isEqualTo(3143);
        assertThat(settings.webAdminPort).isEqualTo(9000);
        assertThat(settings.sinkPort).isEqualTo(3526);
        assertThat(settings.out).isEqualTo(repo.resolve("mail"));
        assertThat(settings.jamesJavaOptions).containsExactly("-Xmx300m", "-Dx=y");
    }

    @Test
    void refusesBadValuesNamingTheVariable() throws IOException {
        jar();
        String[] args = {"--repo", repo.toString()};

        assertThatThrownBy(() -> DemoSettings.from(args, Map.of("SMTP_PORT", "25x")))
            .hasMessageContaining("SMTP_PORT");
        assertThatThrownBy(() -> DemoSettings.from(args, Map.of("IMAP_PORT", "70000")))
            .hasMessageContaining("IMAP_PORT");
        assertThatThrownBy(() -> DemoSettings.from(args, Map.of("SINK_PORT", "2525")))
            .hasMessageContaining("must differ");
        assertThatThrownBy(() -> DemoSettings.from(new String[] {"stray"}, Map.of()))
            .hasMessageContaining("usage");
    }

    @Test
    void saysHowToBuildTheJarWhenItIsMissing() {
        assertThatThrownBy(() -> DemoSettings.from(new String[] {"--repo", repo.toString()}, Map.of()))
            .isInstanceOf(IOException.class).hasMessageContaining("mvn");
    }

    @Test
    void stockNeedsNoJarAndWorksInItsOwnDirectory() throws IOException {
        DemoSettings settings = DemoSettings.from(new String[] {"--stock", "--repo", repo.toString()}, Map.of());

        assertThat(settings.stock).isTrue();
        assertThat(settings.jar).isNull();
        assertThat(settings.work).isEqualTo(repo.resolve("demo/target/james-work-stock"));
        assertThat(settings.smtpPort).isEqualTo(2525);
        assertThat(settings.sinkPort).isEqualTo(2526);
        assertThatThrownBy(() -> DemoSettings.from(new String[] {"--repo", repo.toString(), "--stock", "--jar",
            "x.jar"}, Map.of())).hasMessageContaining("no --jar");
    }
}
