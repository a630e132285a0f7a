package org.bordertransport.webadmin;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** A copy of the shipped conf/ in a temporary directory, resolved as James's FileSystem resolves file://conf/. */
final class TestConf {
    static final String[] FILES = {"mailetcontainer.xml", "remotedomains.xml", "srs-secrets", "domainlist.xml"};

    final Path dir;

    private TestConf(Path dir) {
        this.dir = dir;
    }

    static TestConf shipped(Path temp) throws IOException {
        Path shipped = Paths.get(System.getProperty("border.conf.dir", "../conf"));
        for (String file : FILES) {
            Files.copy(shipped.resolve(file), temp.resolve(file));
        }
        return new TestConf(temp);
    }

    BorderConf conf() {
        return new BorderConf(location -> {
            if (!location.startsWith("file://conf/")) {
                throw new FileNotFoundException(location);
            }
            return dir.resolve(location.substring("file://conf/".length()));
        });
    }

    String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
    }

    /** Replaces a literal of a file, which must be there. */
    void replace(String file, String literal, String replacement) throws IOException {
        String text = read(file);
        if (!text.contains(literal)) {
            throw new IllegalArgumentException(file + " has no '" + literal + "'");
        }
        write(file, text.replace(literal, replacement));
    }
}
