package org.bordertransport.cli.tnef;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bordertransport.cli.common.CommandException;

/**
 * The directory {@code tnef decode} writes into. Every file and sub-directory is created new (never overwritten,
 * never through an existing link): a name already taken is numbered {@code name (2).ext}, {@code name (3).ext}...
 * Names must come from {@link SafeNames}; as a last guard, a path that would not be a direct child of its parent
 * inside the directory is refused.
 */
final class OutputDirectory {
    /** Names tried for one file before giving up. */
    static final int MAX_NUMBER = 10_000;

    private final Path root;

    private OutputDirectory(Path root) {
        this.root = root;
    }

    /** Creates {@code dir} (and its parents) when missing. */
    static OutputDirectory create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new OutputDirectory(dir.toRealPath());
    }

    /** The directory itself, absolute and without links. */
    Path root() {
        return root;
    }

    /** A written file: where, how many bytes and their SHA-256. */
    static final class Written {
        private final Path path;
        private final long size;
        private final String sha256;

        Written(Path path, long size, String sha256) {
            this.path = path;
            this.size = size;
            this.sha256 = sha256;
        }

        Path path() {
            return path;
        }

        long size() {
            return size;
        }

        String sha256() {
            return sha256;
        }
    }

    /** Writes {@code content} to a new file named {@code name} (or numbered) in {@code parent}. */
    Written write(Path parent, String name, InputStream content) throws IOException, CommandException {
        for (int n = 1; n <= MAX_NUMBER; n++) {
            Path file = child(parent, n == 1 ? name : SafeNames.numbered(name, n));
            OutputStream out;
            try {
                out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream digesting = new DigestOutputStream(out, digest)) {
                byte[] buffer = new byte[64 * 1024];
                int count;
                while ((count = content.read(buffer)) >= 0) {
                    digesting.write(buffer, 0, count);
                    size += count;
                }
            }
            return new Written(file, size, hex(digest.digest()));
        }
        throw new CommandException("cannot write '" + name + "' in " + parent + ": " + MAX_NUMBER
            + " files of that name exist");
    }

    /** Creates a new directory named {@code name} (or numbered) in {@code parent}. */
    Path directory(Path parent, String name) throws IOException, CommandException {
        for (int n = 1; n <= MAX_NUMBER; n++) {
            Path dir = child(parent, n == 1 ? name : SafeNames.numbered(name, n));
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // numbered next
            }
        }
        throw new CommandException("cannot create directory '" + name + "' in " + parent + ": " + MAX_NUMBER
            + " entries of that name exist");
    }

    /** The path relative to the directory, with {@code /} separators. */
    String relative(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path segment : root.relativize(path)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    private Path child(Path parent, String name) throws CommandException {
        Path path = parent.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root) || !parent.equals(path.getParent())) {
            throw new CommandException("refusing to write '" + name + "' outside " + parent);
        }
        return path;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
