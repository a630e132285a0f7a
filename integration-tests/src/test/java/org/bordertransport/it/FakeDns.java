package org.bordertransport.it;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.dnsservice.api.DNSService;

import com.google.common.net.InetAddresses;

/**
 * In-memory DNS for an in-process James: each registered domain has one MX, {@code 127.0.0.1:PORT} (RemoteDelivery
 * splits host and port), so every test domain can have its own fake MX. IP literals resolve to themselves (James
 * resolves {@code authorizedAddresses} such as {@code 127.0.0.0/8} through DNS); {@code localhost} is the loopback
 * address; any other name is unknown. Never touches the real DNS.
 */
public final class FakeDns implements DNSService {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Map<String, String> mxByDomain = new ConcurrentHashMap<>();

    /** Routes mail for {@code domain} to {@code 127.0.0.1:port}. */
    public FakeDns mx(String domain, int port) {
        mxByDomain.put(key(domain), LOOPBACK.getHostAddress() + ":" + port);
        return this;
    }

    @Override
    public Collection<String> findMXRecords(String hostname) {
        String mx = mxByDomain.get(key(hostname));
        return mx == null ? List.of() : List.of(mx);
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return List.of();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return List.of(getByName(host));
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        String name = host.trim();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (InetAddresses.isInetAddress(name)) {
            return InetAddresses.forString(name);
        }
        if (key(name).equals("localhost") || mxByDomain.containsKey(key(name))) {
            return LOOPBACK;
        }
        throw new UnknownHostException(host + " (not known to the test DNS)");
    }

    @Override
    public InetAddress getLocalHost() {
        return LOOPBACK;
    }

    @Override
    public String getHostName(InetAddress address) {
        return address.isLoopbackAddress() ? "localhost" : address.getHostAddress();
    }

    private static String key(String domain) {
        String d = domain.trim().toLowerCase(java.util.Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
