package org.bordertransport.james;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

/** Where James's default domain comes from; a seam for tests. */
@FunctionalInterface
public interface JamesDefaultDomain {
    /**
     * @return the default domain, empty when James has none
     * @throws MessagingException when the domain list cannot be read (not the same as "no default domain")
     */
    Optional<String> get() throws MessagingException;

    static JamesDefaultDomain of(DomainList domainList) {
        return () -> {
            try {
                return Optional.ofNullable(domainList.getDefaultDomain()).map(Domain::asString);
            } catch (DomainListException e) {
                throw new MessagingException("Cannot read James's default domain", e);
            }
        };
    }
}
