package org.bordertransport.james;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Duration;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.bordertransport.core.policy.RecipientResolution;
import org.bordertransport.core.policy.RemoteDomainPolicy;
import org.bordertransport.core.policy.RemoteDomainPolicyLoader;
import org.bordertransport.core.policy.RemoteDomainSettings;

/**
 * Loads the remote-domain policy ({@code conf/remotedomains.xml} by default) for the mailets and matchers that act
 * per remote domain: at startup, strictly, and again while James runs when the file changes ({@link #open}).
 */
public final class RemoteDomainPolicyFile {
    /** The parameter (or matcher condition option) naming the file, in James's FileSystem notation. */
    public static final String PARAMETER = "policyFile";
    public static final String DEFAULT_LOCATION = "file://conf/remotedomains.xml";

    private RemoteDomainPolicyFile() {
    }

    /** As {@link #load(String, FileResolver, String, String)} for a mailet parameter. */
    public static RemoteDomainPolicy load(String component, FileResolver resolver, String location)
        throws MessagingException {
        return load(component, resolver, location, "Invalid parameter '" + PARAMETER + "'");
    }

    /**
     * @param what how the setting is named in messages, e.g. {@code Invalid parameter 'policyFile'}
     * @throws MessagingException naming the component, the setting and the location when the file cannot be found or
     *     is not a valid policy
     */
    public static RemoteDomainPolicy load(String component, FileResolver resolver, String location, String what)
        throws MessagingException {
        return load(component, resolve(component, resolver, location, what), what);
    }

    /** As {@link #open(String, FileResolver, String, String, ReloadContext, Duration)} for a mailet parameter. */
    public static ReloadingFile<RemoteDomainPolicy> open(String component, FileResolver resolver, String location,
                                                         ReloadContext reload, Duration interval)
        throws MessagingException {
        return open(component, resolver, location, "Invalid parameter '" + PARAMETER + "'", reload, interval);
    }

    /**
     * Loads the policy as {@link #load(String, FileResolver, String, String)} does (same messages when it fails) and
     * reloads it when the file changes, every {@code interval} at most ({@link Duration#ZERO}: never).
     */
    public static ReloadingFile<RemoteDomainPolicy> open(String component, FileResolver resolver, String location,
                                                         String what, ReloadContext reload, Duration interval)
        throws MessagingException {
        Path path = resolve(component, resolver, location, what);
        return reload.open(component, location, path, interval, () -> {
            RemoteDomainPolicy policy = load(component, path, what);
            return ReloadingFile.Loaded.of(policy, policy.remoteDomains().size() + " remote domains, "
                + policy.recipients().size() + " per-recipient entries");
        });
    }

    private static Path resolve(String component, FileResolver resolver, String location, String what)
        throws MessagingException {
        try {
            return resolver.resolve(location);
        } catch (FileNotFoundException e) {
            throw new MessagingException(component + ": " + what + ": '" + location + "' cannot be found ("
                + e.getMessage() + "); ship a remotedomains.xml in James's conf folder", e);
        }
    }

    private static RemoteDomainPolicy load(String component, Path path, String what) throws MessagingException {
        try {
            return RemoteDomainPolicyLoader.load(path);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(component + ": " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * What applies to a recipient: its per-recipient entry, if the file has one for the address, over its remote
     * domain. Mailets and matchers that act per recipient resolve through this, not by the domain alone.
     */
    public static RecipientResolution resolve(RemoteDomainPolicy policy, MailAddress recipient) {
        return policy.resolveRecipient(recipient.getLocalPart(), recipient.getDomain().asString());
    }

    /** The effective settings for a recipient: {@code resolve(policy, recipient).settings()}. */
    public static RemoteDomainSettings settingsFor(RemoteDomainPolicy policy, MailAddress recipient) {
        return policy.settingsForRecipient(recipient.getLocalPart(), recipient.getDomain().asString());
    }
}
