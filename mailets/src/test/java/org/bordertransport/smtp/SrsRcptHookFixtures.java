package org.bordertransport.smtp;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.filesystem.api.FileSystem;

/** What {@link SrsRcptHook} is built with in tests: the local domain {@code border.test}, a conf folder. */
final class SrsRcptHookFixtures {
    private SrsRcptHookFixtures() {
    }

    /** A domain list holding {@code border.test} only. */
    static DomainList domains() {
        return (DomainList) Proxy.newProxyInstance(DomainList.class.getClassLoader(), new Class<?>[] {DomainList.class},
            (proxy, method, args) -> {
                if (method.getName().equals("containsDomain")) {
                    return ((Domain) args[0]).asString().equals("border.test");
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    /** James's FileSystem with {@code file://conf/srs-secrets} in {@code conf}, and nothing else. */
    static FileSystem files(Path conf) {
        return new FileSystem() {
            @Override
            public InputStream getResource(String url) {
                throw new UnsupportedOperationException(url);
            }

            @Override
            public File getFile(String fileURL) throws FileNotFoundException {
                if (!fileURL.equals("file://conf/srs-secrets")) {
                    throw new FileNotFoundException(fileURL);
                }
                return conf.resolve("srs-secrets").toFile();
            }

            @Override
            public File getBasedir() {
                return conf.toFile();
            }
        };
    }
}
