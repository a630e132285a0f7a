package org.bordertransport.core.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden samples under {@code src/test/resources/samples/KIND/}: a few real-world files of the shared corpus,
 * copied so that a clean clone's build checks real input, each kind with an {@code EXPECTED.tsv} table (header row,
 * tab-separated) of the results the tests compare with. {@code samples/SOURCES.md} names each file's origin and licence.
 */
public final class GoldenSamples {
    private GoldenSamples() {
    }

    /** The folder of one kind ({@code tnef}, {@code mime}); fails, never skips, when it is missing. */
    public static Path dir(String kind) {
        URL url = GoldenSamples.class.getClassLoader().getResource("samples/" + kind + "/EXPECTED.tsv");
        if (url == null) {
            throw new IllegalStateException("golden samples missing: samples/" + kind + "/EXPECTED.tsv on the class path");
        }
        try {
            return Paths.get(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of {@code EXPECTED.tsv}, column name to value, in file order. */
    public static List<Map<String, String>> expected(String kind) throws IOException {
        List<String> lines = Files.readAllLines(dir(kind).resolve("EXPECTED.tsv"), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != header.length) {
                throw new IllegalStateException("samples/" + kind + "/EXPECTED.tsv: " + cells.length + " cells, expected "
                    + header.length + ": " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
