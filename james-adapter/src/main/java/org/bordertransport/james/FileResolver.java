package org.bordertransport.james;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/** Resolves a James FileSystem location ({@code file://conf/remotedomains.xml}) to a file; a seam for tests. */
@FunctionalInterface
public interface FileResolver {
    Path resolve(String location) throws FileNotFoundException;

    static FileResolver of(FileSystem fileSystem) {
        return location -> fileSystem.getFile(location).toPath();
    }
}
