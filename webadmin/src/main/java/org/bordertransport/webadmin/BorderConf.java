package org.bordertransport.webadmin;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.filesystem.api.FileSystem;
import org.bordertransport.core.config.ConfigurationFileException;
import org.bordertransport.core.config.JamesConfigurationFiles;
import org.bordertransport.james.FileResolver;

/**
 * James's configuration as the running mailets have it: the parameters of a mailet in {@code mailetcontainer.xml}
 * and the files they name ({@code file://conf/...}, resolved by James's {@link FileSystem}). Read at every request,
 * so a changed file shows at once; the files are small.
 */
public final class BorderConf {
    static final String MAILET_CONTAINER_LOCATION = "file://conf/" + JamesConfigurationFiles.MAILET_CONTAINER;

    private final FileResolver resolver;

    public BorderConf(FileResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public static BorderConf of(FileSystem fileSystem) {
        return new BorderConf(FileResolver.of(fileSystem));
    }

    /** A fresh reader of James's conf directory (the one holding {@code mailetcontainer.xml}). */
    public JamesConfigurationFiles files() throws RouteException {
        return JamesConfigurationFiles.in(resolve(MAILET_CONTAINER_LOCATION, "James's mailet container")
            .getParent());
    }

    /** The parameters of the first mailet of this class (or simple name), empty when none is configured. */
    public Optional<Map<String, String>> mailetParameters(JamesConfigurationFiles files, String mailetClass)
        throws RouteException {
        try {
            return files.mailetParameters(mailetClass);
        } catch (ConfigurationFileException e) {
            throw RouteException.configuration(e.getMessage(), e);
        }
    }

    /** {@code <defaultDomain>} of {@code domainlist.xml}. */
    public Optional<String> defaultDomain(JamesConfigurationFiles files) throws RouteException {
        try {
            return files.defaultDomain();
        } catch (ConfigurationFileException e) {
            throw RouteException.configuration(e.getMessage(), e);
        }
    }

    /**
     * The file a mailet parameter names, in James's FileSystem notation.
     *
     * @param what names the setting in the message when the file cannot be found
     */
    public Path resolve(String location, String what) throws RouteException {
        Path path;
        try {
            path = resolver.resolve(location);
        } catch (FileNotFoundException e) {
            throw RouteException.configuration(what + ": '" + location + "' cannot be found", e);
        }
        if (!Files.exists(path)) {
            throw RouteException.configuration(what + ": '" + location + "' cannot be found (" + path + ")", null);
        }
        return path;
    }

    /** When a file was last changed. */
    public static Optional<FileTime> lastModified(Path path) {
        try {
            return Optional.of(Files.getLastModifiedTime(path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
