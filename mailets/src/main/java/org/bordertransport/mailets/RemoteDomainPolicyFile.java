package org.bordertransport.mailets;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Path;

import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainPolicyLoader;

/**
 * Loads the remote-domain policy ({@code conf/remotedomains.xml} by default) for the mailets that act per remote
 * domain, once, in their {@code init()}.
 */
final class RemoteDomainPolicyFile {
    /** The mailet parameter naming the file, in James's FileSystem notation. */
    static final String PARAMETER = "policyFile";
    static final String DEFAULT_LOCATION = "file://conf/remotedomains.xml";

    /** Resolves a FileSystem location to a file; a seam for tests. */
    @FunctionalInterface
    interface Resolver {
        Path resolve(String location) throws FileNotFoundException;

        static Resolver of(FileSystem fileSystem) {
            return location -> {
                File file = fileSystem.getFile(location);
                return file.toPath();
            };
        }
    }

    private RemoteDomainPolicyFile() {
    }

    static RemoteDomainPolicy load(String mailetName, Resolver resolver, String location) throws MessagingException {
        Path path;
        try {
            path = resolver.resolve(location);
        } catch (FileNotFoundException e) {
            throw new MessagingException(mailetName + ": Invalid parameter '" + PARAMETER + "': '" + location
                + "' cannot be found (" + e.getMessage() + "); ship a remotedomains.xml in James's conf folder", e);
        }
        try {
            return RemoteDomainPolicyLoader.load(path);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(mailetName + ": Invalid parameter '" + PARAMETER + "': " + e.getMessage(), e);
        }
    }
}
