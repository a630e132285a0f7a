package org.bordertransport.cli.common;

import java.nio.file.Paths;

import picocli.CommandLine.Option;

/** {@code --conf DIR} after the name of a command that reads the James configuration (a picocli mixin). */
public final class ConfOption {
    public static final String NAME = "--conf";

    @Option(names = NAME)
    private String dir;

    /** The context with this option's directory, when given. */
    public Context apply(Context context) {
        return dir == null ? context : context.withConfDir(Paths.get(dir));
    }
}
