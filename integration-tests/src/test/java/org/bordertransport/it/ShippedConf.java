package org.bordertransport.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration shipped in {@code conf/} at the repository root, and the only changes a test makes to it: every
 * server binds to {@code 127.0.0.1} on a free port, and the SMTP and IMAP servers stop without Netty's graceful
 * shutdown (which waits 2 s per server: most of a test's time otherwise). Everything else (mail processing, domains,
 * users repository) is used exactly as shipped.
 */
public final class ShippedConf {
    /** Set by the build to {@code ${project.basedir}/../conf}. */
    public static final String DIRECTORY_PROPERTY = "border.conf.dir";

    private static final Pattern BIND = Pattern.compile("<bind>[^<]*</bind>");
    private static final Pattern GRACEFUL_SHUTDOWN = Pattern.compile("\\s*<gracefulShutdown>[^<]*</gracefulShutdown>");
    private static final String LOCAL_BIND = "<bind>127.0.0.1:0</bind>\n        <gracefulShutdown>false</gracefulShutdown>";
    private static final Pattern WEBADMIN_PORT = Pattern.compile("(?m)^port=.*$");
    private static final Pattern WEBADMIN_HOST = Pattern.compile("(?m)^host=.*$");

    /** Port and host substitutions, per file; each must match the shipped file at least once. */
    private static final Map<String, UnaryOperator<String>> LOCAL_PORTS = Map.of(
        "smtpserver.xml", text -> replaceAll(withoutGracefulShutdown(text), BIND, LOCAL_BIND, "smtpserver.xml"),
        "imapserver.xml", text -> replaceAll(withoutGracefulShutdown(text), BIND, LOCAL_BIND, "imapserver.xml"),
        "webadmin.properties", text -> replaceAll(replaceAll(text, WEBADMIN_PORT, "port=0", "webadmin.properties"),
            WEBADMIN_HOST, "host=127.0.0.1", "webadmin.properties"));

    private ShippedConf() {
    }

    /** The shipped {@code conf/} directory. */
    public static Path directory() {
        Path dir = Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY)).map(Paths::get)
            .orElseGet(ShippedConf::searchUpwards);
        if (!Files.isRegularFile(dir.resolve("mailetcontainer.xml"))) {
            throw new IllegalStateException("No shipped configuration in " + dir.toAbsolutePath()
                + " (set -D" + DIRECTORY_PROPERTY + " to the repository's conf/ directory)");
        }
        return dir;
    }

    private static Path searchUpwards() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("conf/mailetcontainer.xml"))) {
                return dir.resolve("conf");
            }
        }
        return Paths.get("conf");
    }

    /** Reads one shipped file. */
    public static String read(String fileName) throws IOException {
        return Files.readString(directory().resolve(fileName), StandardCharsets.UTF_8);
    }

    /**
     * Copies every shipped file into {@code target}, binding the servers to {@code 127.0.0.1:0}, then applies
     * {@code edits} (file name to edit) on top.
     */
    public static void copyForTest(Path target, Map<String, UnaryOperator<String>> edits) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = file.getFileName().toString();
                String text = Files.readString(file, StandardCharsets.UTF_8);
                text = LOCAL_PORTS.getOrDefault(name, UnaryOperator.identity()).apply(text);
                text = edits.getOrDefault(name, UnaryOperator.identity()).apply(text);
                Files.writeString(target.resolve(name), text, StandardCharsets.UTF_8);
            }
        }
        for (String name : edits.keySet()) {
            if (!Files.exists(target.resolve(name))) {
                throw new IllegalArgumentException("Edit of " + name + ": the shipped configuration has no such file");
            }
        }
    }

    private static String withoutGracefulShutdown(String text) {
        return GRACEFUL_SHUTDOWN.matcher(text).replaceAll("");
    }

    private static String replaceAll(String text, Pattern pattern, String replacement, String fileName) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("Shipped " + fileName + " has no " + pattern + " to bind to a local port");
        }
        return matcher.replaceAll(Matcher.quoteReplacement(replacement));
    }
}
