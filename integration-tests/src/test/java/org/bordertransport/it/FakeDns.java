package org.bordertransport.it;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.apache.james.dnsservice.api.DNSService;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import com.google.common.net.InetAddresses;

/**
 * In-memory DNS for an in-process James: each registered domain has one MX, {@code 127.0.0.1:PORT} (RemoteDelivery
 * splits host and port), so every test domain can have its own fake MX. IP literals resolve to themselves (James
 * resolves {@code authorizedAddresses} such as {@code 127.0.0.0/8} through DNS); {@code localhost} is the loopback
 * address; any other name is unknown. TXT records are what a test gives ({@link #txt}), none otherwise; the same
 * records answer James's SPF checks and DKIM key lookups through {@link #resolver()}. Never touches the real DNS.
 */
public final class FakeDns implements DNSService {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Map<String, String> mxByDomain = new ConcurrentHashMap<>();
    private final Map<String, List<String>> txtByDomain = new ConcurrentHashMap<>();

    /** Routes mail for {@code domain} to {@code 127.0.0.1:port}. */
    public FakeDns mx(String domain, int port) {
        mxByDomain.put(key(domain), LOOPBACK.getHostAddress() + ":" + port);
        return this;
    }

    /** Gives {@code domain} this TXT record (e.g. an SPF policy {@code v=spf1 ip4:127.0.0.2 -all}), replacing any. */
    public FakeDns txt(String domain, String record) {
        txtByDomain.put(key(domain), List.of(record));
        return this;
    }

    /**
     * The same records as a dnsjava resolver, for what queries dnsjava directly: James's SPF mailet (jSPF's
     * {@code DNSServiceXBillImpl} on dnsjava's default resolver). TXT records from {@link #txt}, A records for the
     * names this DNS knows, NXDOMAIN for any other name.
     */
    public Resolver resolver() {
        return new Resolver() {
            @Override
            public Message send(Message query) {
                return answer(query);
            }

            @Override
            public CompletionStage<Message> sendAsync(Message query) {
                return CompletableFuture.completedFuture(answer(query));
            }

            @Override
            public CompletionStage<Message> sendAsync(Message query, Executor executor) {
                return CompletableFuture.completedFuture(answer(query));
            }

            @Override
            public void setPort(int port) {
            }

            @Override
            public void setTCP(boolean flag) {
            }

            @Override
            public void setIgnoreTruncation(boolean flag) {
            }

            @Override
            public void setEDNS(int level, int payloadSize, int flags, List<EDNSOption> options) {
            }

            @Override
            public void setTSIGKey(TSIG key) {
            }

            @Override
            public void setTimeout(Duration timeout) {
            }
        };
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        String host = key(name.toString());
        boolean known = host.equals("localhost") || mxByDomain.containsKey(host) || txtByDomain.containsKey(host);
        if (!known) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        if (question.getType() == Type.TXT) {
            for (String text : txtByDomain.getOrDefault(host, List.of())) {
                response.addRecord(new TXTRecord(name, DClass.IN, 60, characterStrings(text)), Section.ANSWER);
            }
        } else if (question.getType() == Type.A && !txtByDomain.containsKey(host)) {
            response.addRecord(new ARecord(name, DClass.IN, 60, LOOPBACK), Section.ANSWER);
        }
        return response;
    }

    /** A TXT record as DNS carries it: strings of at most 255 octets (a DKIM key is longer), read back joined. */
    private static List<String> characterStrings(String text) {
        List<String> strings = new ArrayList<>();
        for (int at = 0; at < text.length(); at += 255) {
            strings.add(text.substring(at, Math.min(text.length(), at + 255)));
        }
        return strings.isEmpty() ? List.of("") : strings;
    }

    @Override
    public Collection<String> findMXRecords(String hostname) {
        String mx = mxByDomain.get(key(hostname));
        return mx == null ? List.of() : List.of(mx);
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return txtByDomain.getOrDefault(key(hostname), List.of());
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
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
