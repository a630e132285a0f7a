package org.bordertransport.demo.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bordertransport.demo.ConfPreparer;

/**
 * Everything the demo launcher needs, from the command line (paths) and the environment (ports, output).
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>SMTP_PORT</td><td>2525</td></tr>
 *   <tr><td>IMAP_PORT</td><td>1143</td></tr>
 *   <tr><td>WEBADMIN_PORT</td><td>8000</td></tr>
 *   <tr><td>SINK_PORT</td><td>2526</td></tr>
 *   <tr><td>BIND_HOST</td><td>127.0.0.1</td></tr>
 *   <tr><td>OTHER_PORT_OFFSET</td><td>10000 (added to any other port the conf binds)</td></tr>
 *   <tr><td>DEMO_OUT</td><td>demo-out (relative to the current directory)</td></tr>
 *   <tr><td>JAMES_JAVA_OPTS</td><td>-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1</td></tr>
 *   <tr><td>JAMES_START_TIMEOUT</td><td>180 (seconds)</td></tr>
 * </table>
 */
final class DemoSettings {
    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    final String bindHost;
    final int smtpPort;
    final int imapPort;
    final int webAdminPort;
    final int sinkPort;
    final int otherPortOffset;
    final Path out;
    final Path conf;
    final Path jamesLib;
    final Path work;
    /** Null with {@link #stock}. */
    final Path jar;
    /** {@code --stock}: James's own pipeline, without Border Transport ({@code StockPipeline}), and no jar. */
    final boolean stock;
    final List<String> jamesJavaOptions;
    final int startTimeoutSeconds;

    private DemoSettings(Map<String, String> env, Map<String, String> options, boolean stock) throws IOException {
        this.stock = stock;
        this.bindHost = env.getOrDefault("BIND_HOST", "127.0.0.1");
        this.smtpPort = port(env, "SMTP_PORT", 2525);
        this.imapPort = port(env, "IMAP_PORT", 1143);
        this.webAdminPort = port(env, "WEBADMIN_PORT", 8000);
        this.sinkPort = port(env, "SINK_PORT", 2526);
        this.otherPortOffset = number(env, "OTHER_PORT_OFFSET", 10000, 0, 60000);
        this.startTimeoutSeconds = number(env, "JAMES_START_TIMEOUT", 180, 10, 3600);
        this.jamesJavaOptions = List.of(env.getOrDefault("JAMES_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim().split("\\s+"));
        Path repo = Paths.get(options.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        Path demo = repo.resolve("demo");
        this.out = Paths.get(options.getOrDefault("out", env.getOrDefault("DEMO_OUT", "demo-out")))
            .toAbsolutePath().normalize();
        this.conf = path(options, "conf", repo.resolve("conf"));
        this.jamesLib = path(options, "james-lib", demo.resolve("target/james-lib"));
        this.work = path(options, "work", demo.resolve(stock ? "target/james-work-stock" : "target/james-work"));
        if (stock) {
            if (options.containsKey("jar")) {
                throw new IllegalArgumentException("--stock runs James without Border Transport: no --jar");
            }
            this.jar = null;
        } else {
            this.jar = options.containsKey("jar") ? Paths.get(options.get("jar")).toAbsolutePath()
                : findJar(demo.resolve("target/dropin"), repo.resolve("dist/target"));
        }
        List<Integer> ports = Arrays.asList(smtpPort, imapPort, webAdminPort, sinkPort);
        if (ports.stream().distinct().count() != ports.size()) {
            throw new IllegalArgumentException("SMTP_PORT, IMAP_PORT, WEBADMIN_PORT and SINK_PORT must differ: "
                + ports);
        }
    }

    static DemoSettings from(String[] args, Map<String, String> env) throws IOException {
        Map<String, String> options = new java.util.HashMap<>();
        boolean stock = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--stock")) {
                stock = true;
                continue;
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: DemoLauncher [--stock] [--repo DIR] [--conf DIR]"
                    + " [--james-lib DIR] [--work DIR] [--jar FILE] [--out DIR]; unexpected " + arg);
            }
            options.put(arg.substring(2), args[++i]);
        }
        return new DemoSettings(env, options, stock);
    }

    ConfPreparer.Settings confSettings() {
        return ConfPreparer.Settings.builder()
            .bindHost(bindHost)
            .smtpPort(smtpPort)
            .imapPort(imapPort)
            .webAdminPort(webAdminPort)
            .gateway(connectHost(), sinkPort)
            .stock(stock)
            .otherPorts(port -> {
                int mapped = port + otherPortOffset;
                if (mapped > 65535) {
                    throw new IllegalArgumentException("conf binds port " + port + "; with OTHER_PORT_OFFSET="
                        + otherPortOffset + " that is past 65535");
                }
                return mapped;
            })
            .build();
    }

    /** Where to connect to what is bound on {@link #bindHost}: the wildcard address is reached on loopback. */
    String connectHost() {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    }

    private static Path findJar(Path... directories) throws IOException {
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "border-transport-*.jar")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")
                        && !name.endsWith("-tests.jar")) {
                        jars.add(file);
                    }
                }
            }
            if (jars.size() == 1) {
                return jars.get(0);
            }
            if (jars.size() > 1) {
                throw new IOException("Several drop-in jars in " + directory + ": " + jars + "; pass --jar FILE");
            }
        }
        throw new IOException("No border-transport-*.jar in " + Arrays.toString(directories)
            + " (build it: mvn -B -DskipTests install -pl demo -am)");
    }

    private static Path path(Map<String, String> options, String key, Path fallback) {
        return options.containsKey(key) ? Paths.get(options.get(key)).toAbsolutePath().normalize() : fallback;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return number(env, name, fallback, 1, 65535);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + Objects.toString(value), e);
        }
    }
}
