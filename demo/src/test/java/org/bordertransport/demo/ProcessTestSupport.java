package org.bordertransport.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Paths the demo pom hands to the process tests (failsafe system properties), and free ports. */
final class ProcessTestSupport {
    /** The same short JVM settings for every James the tests start: 2 cores, several Jameses in a CI run. */
    static final List<String> JAMES_JVM = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1");
    static final String SAMPLE_KEYS = "sample:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEy"
        + "MzQ1Njc4OTo7PD0+Pw==";

    private ProcessTestSupport() {
    }

    static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run this test through"
                + " Maven (mvn -pl demo verify), whose failsafe configuration sets it");
        }
        return Paths.get(value).toAbsolutePath().normalize();
    }

    static Path jamesLib() {
        return property("border.james.lib");
    }

    static Path shippedConf() {
        return property("border.conf.dir");
    }

    /** The one shaded jar dist built, as copied by the demo pom. */
    static Path dropInJar() throws IOException {
        return single(property("border.dropin.dir"), "border-transport-");
    }

    /** border-transport-mailets and -matchers, without core: a "drop-in" that is missing classes. */
    static List<Path> partialJars() throws IOException {
        try (Stream<Path> files = Files.list(property("border.partial.jars.dir"))) {
            List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted()
                .collect(Collectors.toList());
            if (jars.size() != 2) {
                throw new IllegalStateException("expected the mailets and matchers jars, found " + jars);
            }
            return jars;
        }
    }

    /** An empty directory under target/it-work. */
    static Path freshDirectory(String name) throws IOException {
        Path directory = property("border.test.work").resolve(name);
        DirectoryTrees.deleteRecursively(directory);
        return Files.createDirectories(directory);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shipped conf settings with free local ports and the gateway on {@code sinkPort}. */
    static ConfPreparer.Settings localSettings(int smtpPort, int imapPort, int webAdminPort, int sinkPort) {
        return ConfPreparer.Settings.builder()
            .smtpPort(smtpPort)
            .imapPort(imapPort)
            .webAdminPort(webAdminPort)
            .gateway("127.0.0.1", sinkPort)
            .otherPorts(port -> freePort())
            .build();
    }

    private static Path single(Path directory, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().startsWith(prefix)
                && file.toString().endsWith(".jar")).collect(Collectors.toList());
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one " + prefix + "*.jar in " + directory + ", found " + jars);
            }
            return jars.get(0);
        }
    }
}
