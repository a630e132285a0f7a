package org.bordertransport.cli.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.core.config.ConfigurationFileException;
import org.bordertransport.core.config.JamesConfigurationFiles;

/**
 * The James configuration directory of {@code --conf}, read by {@link JamesConfigurationFiles} (shared with the
 * WebAdmin routes), its failures as {@link CommandException}s.
 */
public final class JamesConfiguration {
    public static final String MAILET_CONTAINER = JamesConfigurationFiles.MAILET_CONTAINER;
    public static final String DOMAIN_LIST = JamesConfigurationFiles.DOMAIN_LIST;

    private final JamesConfigurationFiles files;

    private JamesConfiguration(JamesConfigurationFiles files) {
        this.files = files;
    }

    public static JamesConfiguration in(Path dir) {
        return new JamesConfiguration(JamesConfigurationFiles.in(dir));
    }

    /** The shared reader underneath. */
    public JamesConfigurationFiles files() {
        return files;
    }

    public Path dir() {
        return files.dir();
    }

    public Path mailetContainerFile() {
        return files.mailetContainerFile();
    }

    /** See {@link JamesConfigurationFiles#mailetParameters(String)}. */
    public Optional<Map<String, String>> mailetParameters(String className) throws CommandException {
        try {
            return files.mailetParameters(className);
        } catch (ConfigurationFileException e) {
            throw failure(e);
        }
    }

    /** See {@link JamesConfigurationFiles#defaultDomain()}. */
    public Optional<String> defaultDomain() throws CommandException {
        try {
            return files.defaultDomain();
        } catch (ConfigurationFileException e) {
            throw failure(e);
        }
    }

    /** The failure as a {@link CommandException}, with the {@code --conf} hint for a missing file. */
    public static CommandException failure(ConfigurationFileException e) {
        return new CommandException(e.getMessage()
            + (e.isMissing() ? " (give the James configuration directory with --conf DIR)" : ""), e);
    }
}
