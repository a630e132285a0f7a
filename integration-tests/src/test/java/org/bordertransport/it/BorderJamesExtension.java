package org.bordertransport.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link BorderJames} for every test, with one {@link FakeMx} per remote domain, routed by {@link FakeDns}.
 *
 * <pre>{@code
 * @RegisterExtension
 * BorderJamesExtension james = BorderJamesExtension.withRemoteDomains("remote-a.test", "remote-b.test");
 * }</pre>
 */
public final class BorderJamesExtension implements BeforeEachCallback, AfterEachCallback {
    private final List<String> remoteDomains;
    private final UnaryOperator<BorderJames.Builder> customization;
    private final Map<String, FakeMx> mxs = new LinkedHashMap<>();
    private BorderJames james;
    private FakeDns dns;

    private BorderJamesExtension(List<String> remoteDomains, UnaryOperator<BorderJames.Builder> customization) {
        this.remoteDomains = remoteDomains;
        this.customization = customization;
    }

    public static BorderJamesExtension withRemoteDomains(String... domains) {
        return new BorderJamesExtension(List.of(domains), UnaryOperator.identity());
    }

    /** The same, with changes to the server (e.g. {@link BorderJames.Builder#editConf}). */
    public BorderJamesExtension customized(UnaryOperator<BorderJames.Builder> customization) {
        return new BorderJamesExtension(remoteDomains, customization);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dns = new FakeDns();
        for (String domain : remoteDomains) {
            FakeMx mx = FakeMx.start(domain);
            mxs.put(domain, mx);
            dns.mx(domain, mx.port());
        }
        james = customization.apply(BorderJames.builder().dns(dns)).start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (james != null) {
                james.close();
            }
        } finally {
            james = null;
            for (FakeMx mx : mxs.values()) {
                mx.close();
            }
            mxs.clear();
        }
    }

    /** The server's DNS: tests may add records (e.g. {@link FakeDns#txt}) while it runs. */
    public FakeDns dns() {
        return dns;
    }

    public BorderJames james() {
        return james;
    }

    /** The fake MX of one of the remote domains. */
    public FakeMx mx(String domain) {
        FakeMx mx = mxs.get(domain);
        if (mx == null) {
            throw new IllegalArgumentException("No fake MX for " + domain + "; remote domains: " + remoteDomains);
        }
        return mx;
    }
}
