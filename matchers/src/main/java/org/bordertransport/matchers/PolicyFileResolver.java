package org.bordertransport.matchers;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/**
 * Resolves a James FileSystem location ({@code file://conf/remotedomains.xml}) to a file; a seam for tests. The
 * matchers' twin of the mailets' {@code RemoteDomainPolicyFile.Resolver}.
 */
@FunctionalInterface
interface PolicyFileResolver {
    Path resolve(String location) throws FileNotFoundException;

    static PolicyFileResolver of(FileSystem fileSystem) {
        return location -> fileSystem.getFile(location).toPath();
    }
}
