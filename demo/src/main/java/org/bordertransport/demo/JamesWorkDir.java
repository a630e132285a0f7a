package org.bordertransport.demo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A James working directory laid out like the Docker image's {@code /root}: {@code conf/} (the shipped conf with
 * ports and gateway substituted) and {@code extensions-jars/} (the drop-in jar). Made afresh on each
 * {@link #create}; a directory that holds other things is refused rather than wiped.
 */
public final class JamesWorkDir {
    private static final String MARKER = ".border-transport-james-work";

    private final Path root;
    private final List<String> confChanges;

    private JamesWorkDir(Path root, List<String> confChanges) {
        this.root = root;
        this.confChanges = confChanges;
    }

    /**
     * @param root           the working directory ({@code -Dworking.directory}); created, or replaced when it is one
     *                       this class made before
     * @param shippedConf    the repository's {@code conf/}
     * @param settings       ports and gateway
     * @param extensionJars  jars for {@code extensions-jars/}
     */
    public static JamesWorkDir create(Path root, Path shippedConf, ConfPreparer.Settings settings,
                                      List<Path> extensionJars) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute) && !Files.exists(absolute.resolve(MARKER)) && !isEmpty(absolute)) {
            throw new IOException(absolute + " exists and was not made by Border Transport's launcher;"
                + " refusing to replace it (choose another directory or empty it)");
        }
        DirectoryTrees.deleteRecursively(absolute);
        Files.createDirectories(absolute);
        Files.createFile(absolute.resolve(MARKER));
        List<String> changes = new ConfPreparer(settings).prepare(shippedConf, absolute.resolve("conf"));
        Path extensions = Files.createDirectories(absolute.resolve("extensions-jars"));
        for (Path jar : extensionJars) {
            if (!Files.isRegularFile(jar)) {
                throw new IOException("Extension jar not found: " + jar);
            }
            Files.copy(jar, extensions.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return new JamesWorkDir(absolute, changes);
    }

    public Path root() {
        return root;
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path extensionsJars() {
        return root.resolve("extensions-jars");
    }

    /** The substitutions made to the shipped conf, for display. */
    public List<String> confChanges() {
        return confChanges;
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }
}
