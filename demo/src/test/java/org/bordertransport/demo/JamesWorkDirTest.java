package org.bordertransport.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JamesWorkDirTest {
    @TempDir
    Path temp;

    private final ConfPreparer.Settings settings = ConfPreparer.Settings.builder().smtpPort(2525).imapPort(1143)
        .webAdminPort(8000).gateway("127.0.0.1", 2526).otherPorts(port -> port + 10000).build();

    private Path conf() throws IOException {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Files.writeString(conf.resolve("mailetcontainer.xml"),
            "<mailetcontainer><mailet match=\"All\" class=\"RemoteDelivery\"/></mailetcontainer>");
        return conf;
    }

    @Test
    void laysOutConfAndExtensionJarsAndCanBeRemadeAfterwards() throws IOException {
        Path jar = Files.writeString(temp.resolve("border-transport-1.jar"), "jar");
        Path root = temp.resolve("work");

        JamesWorkDir first = JamesWorkDir.create(root, conf(), settings, List.of(jar));
        Files.writeString(root.resolve("james.log"), "old log");
        JamesWorkDir second = JamesWorkDir.create(root, conf(), settings, List.of(jar));

        assertThat(second.conf().resolve("mailetcontainer.xml")).content().contains("<gatewayPort>2526<");
        assertThat(second.extensionsJars().resolve("border-transport-1.jar")).hasContent("jar");
        assertThat(root.resolve("james.log")).doesNotExist();
        assertThat(first.root()).isEqualTo(second.root());
    }

    @Test
    void refusesToWipeADirectoryItDidNotMake() throws IOException {
        Path precious = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(precious.resolve("data.txt"), "keep me");

        assertThatThrownBy(() -> JamesWorkDir.create(precious, conf(), settings, List.of()))
            .isInstanceOf(IOException.class).hasMessageContaining("refusing");
        assertThat(precious.resolve("data.txt")).hasContent("keep me");
    }

    @Test
    void failsOnAMissingJar() {
        assertThatThrownBy(() -> JamesWorkDir.create(temp.resolve("w"), conf(), settings,
            List.of(temp.resolve("missing.jar")))).hasMessageContaining("missing.jar");
    }
}
