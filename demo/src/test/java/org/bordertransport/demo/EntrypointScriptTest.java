package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/james-entrypoint.sh (used by docker-compose.yml and DockerImageIT) run by {@code sh} outside Docker, with
 * {@code JAMES_HOME} in a temporary directory and a fake {@code java} that records its arguments.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class EntrypointScriptTest {
    private static final Path SCRIPT = Paths.get(System.getProperty("border.demo.dir", "."))
        .resolve("docker/james-entrypoint.sh");

    @TempDir
    Path temp;

    private Path home;
    private Path fakeJava;

    @BeforeEach
    void fakeImage() throws IOException {
        home = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(home.resolve("extensions-jars"));
        Files.writeString(home.resolve("jib-classpath-file"), "/root/resources:/root/classes:/root/libs/*\n");
        Files.writeString(home.resolve("jib-main-class-file"), "org.apache.james.MemoryJamesServerMain\n");
        fakeJava = temp.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \"$(dirname \"$0\")/args\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(Path conf, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("JAMES_HOME", home.toString());
        builder.environment().put("BORDER_CONF_DIR", conf.toString());
        builder.environment().put("JAVA_CMD", fakeJava.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static final class Result {
        final int exit;
        final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }

    @Test
    void copiesTheShippedConfInsertsTheGatewayAndRunsTheImagesJavaCommand() throws Exception {
        Path shipped = ProcessTestSupportPaths.shippedConf();

        Result result = run(shipped, Map.of("GATEWAY_HOST", "mailpit", "GATEWAY_PORT", "1025",
            "JAVA_OPTS", "-Xmx300m -Dborder=1"));

        assertThat(result.exit).as(result.output).isZero();
        String gateway = "<gateway>mailpit</gateway><gatewayPort>1025</gatewayPort>";
        String mailets = Files.readString(home.resolve("conf/mailetcontainer.xml"), UTF_8);
        assertThat(mailets.split(gateway, -1)).hasSize(2);
        assertThat(mailets.replace(gateway, ""))
            .isEqualTo(Files.readString(shipped.resolve("mailetcontainer.xml"), UTF_8));
        // the same insertion the launcher's ConfPreparer makes
        Path prepared = temp.resolve("prepared");
        new ConfPreparer(ConfPreparer.Settings.builder().smtpPort(25).imapPort(143).webAdminPort(8000)
            .bindHost("0.0.0.0").gateway("mailpit", 1025).build()).prepare(shipped, prepared);
        assertThat(mailets).isEqualTo(Files.readString(prepared.resolve("mailetcontainer.xml"), UTF_8));
        try (var files = Files.list(shipped)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.getFileName().toString().equals("mailetcontainer.xml")) {
                    assertThat(home.resolve("conf").resolve(file.getFileName())).hasSameBinaryContentAs(file);
                }
            }
        }
        assertThat(Files.readAllLines(temp.resolve("args"))).containsExactly(
            "-Dlogback.configurationFile=" + home + "/conf/logback.xml",
            "-Dworking.directory=" + home + "/",
            "-Djdk.tls.ephemeralDHKeySize=2048",
            "-Xmx300m", "-Dborder=1",
            "-cp", "/root/resources:/root/classes:/root/libs/*",
            "org.apache.james.MemoryJamesServerMain");
        assertThat(result.output).contains("warning: no jar in");
    }

    @Test
    void leavesTheConfAsItIsWithoutAGateway() throws Exception {
        Path shipped = ProcessTestSupportPaths.shippedConf();

        Result result = run(shipped, Map.of());

        assertThat(result.exit).as(result.output).isZero();
        assertThat(home.resolve("conf/mailetcontainer.xml"))
            .hasSameBinaryContentAs(shipped.resolve("mailetcontainer.xml"));
    }

    @Test
    void opensWebAdminOnTheContainerNetworkOnlyWhenAsked() throws Exception {
        Path shipped = ProcessTestSupportPaths.shippedConf();
        assertThat(Files.readAllLines(shipped.resolve("webadmin.properties"))).contains("host=127.0.0.1");

        Result result = run(shipped, Map.of("WEBADMIN_HOST", "0.0.0.0"));

        assertThat(result.exit).as(result.output).isZero();
        assertThat(Files.readAllLines(home.resolve("conf/webadmin.properties")))
            .contains("host=0.0.0.0").doesNotContain("host=127.0.0.1");
        Result refused = run(shipped, Map.of("WEBADMIN_HOST", "0.0.0.0\nhost=evil"));
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.output).contains("WEBADMIN_HOST must be");
    }

    @Test
    void refusesAGatewayThatCouldBreakTheXml() throws Exception {
        Result result = run(ProcessTestSupportPaths.shippedConf(), Map.of("GATEWAY_HOST", "a</gateway>"));

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.output).contains("GATEWAY_HOST must be");
        assertThat(temp.resolve("args")).doesNotExist();
    }

    @Test
    void failsWithoutConfOrWithoutRemoteDelivery() throws Exception {
        Result noConf = run(temp.resolve("missing"), Map.of());
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Files.writeString(conf.resolve("mailetcontainer.xml"), "<mailetcontainer/>");
        Result noRemoteDelivery = run(conf, Map.of("GATEWAY_HOST", "mailpit"));

        assertThat(noConf.exit).isEqualTo(1);
        assertThat(noConf.output).contains("no mailetcontainer.xml");
        assertThat(noRemoteDelivery.exit).isEqualTo(1);
        assertThat(noRemoteDelivery.output).contains("no <mailet class=\"RemoteDelivery\">");
        assertThat(temp.resolve("args")).doesNotExist();
    }

    /** Where the shipped conf is: the surefire property, or ../conf from the demo module. */
    private static final class ProcessTestSupportPaths {
        static Path shippedConf() {
            return Paths.get(System.getProperty("border.conf.dir", "../conf")).toAbsolutePath().normalize();
        }
    }
}
