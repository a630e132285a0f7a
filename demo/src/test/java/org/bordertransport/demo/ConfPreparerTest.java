package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfPreparerTest {
    private static final String MAILETS = "<?xml version=\"1.0\"?>\n<mailetcontainer>\n"
        + "<!-- a smarthost: <mailet match=\"All\" class=\"RemoteDelivery\"> <gateway>x</gateway> -->\n"
        + "  <processors><processor state=\"relay\">\n"
        + "    <mailet match=\"All\" class=\"RemoteDelivery\">\n"
        + "      <outgoingQueue>outgoing</outgoingQueue>\n"
        + "    </mailet>\n"
        + "  </processor></processors>\n</mailetcontainer>\n";

    @TempDir
    Path temp;

    private static ConfPreparer.Settings settings() {
        return ConfPreparer.Settings.builder()
            .smtpPort(2525)
            .imapPort(1143)
            .webAdminPort(8001)
            .gateway("127.0.0.1", 2526)
            .otherPorts(port -> port + 10000)
            .build();
    }

    private Path conf(String... nameAndContent) throws IOException {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Files.writeString(conf.resolve(nameAndContent[i]), nameAndContent[i + 1], UTF_8);
        }
        return conf;
    }

    private String read(String name) throws IOException {
        return Files.readString(temp.resolve("out").resolve(name), UTF_8);
    }

    private List<String> prepare(Path conf) throws IOException {
        return new ConfPreparer(settings()).prepare(conf, temp.resolve("out"));
    }

    @Nested
    class Gateway {
        @Test
        void isInsertedIntoTheRemoteDeliveryMailetOnly() throws IOException {
            List<String> changes = prepare(conf("mailetcontainer.xml", MAILETS));

            assertThat(read("mailetcontainer.xml")).isEqualTo(MAILETS.replace(
                "<mailet match=\"All\" class=\"RemoteDelivery\">\n",
                "<mailet match=\"All\" class=\"RemoteDelivery\"><gateway>127.0.0.1</gateway>"
                    + "<gatewayPort>2526</gatewayPort>\n"));
            assertThat(changes).containsExactly("mailetcontainer.xml: RemoteDelivery gets "
                + "<gateway>127.0.0.1</gateway><gatewayPort>2526</gatewayPort>");
        }

        @Test
        void replacesAGatewayAlreadyThere() throws IOException {
            prepare(conf("mailetcontainer.xml", MAILETS.replace("<outgoingQueue>",
                "<gateway>smarthost.example</gateway>\n      <gatewayPort>587</gatewayPort>\n      <outgoingQueue>")));

            String result = read("mailetcontainer.xml");
            assertThat(result).doesNotContain("smarthost.example").doesNotContain(">587<")
                .contains("<gateway>127.0.0.1</gateway><gatewayPort>2526</gatewayPort>");
        }

        @Test
        void opensASelfClosingMailetAndAcceptsTheFullClassName() throws IOException {
            prepare(conf("mailetcontainer.xml", "<mailetcontainer><processors><processor state=\"relay\">"
                + "<mailet match=\"All\" class=\"org.apache.james.transport.mailets.RemoteDelivery\" />"
                + "</processor></processors></mailetcontainer>"));

            assertThat(read("mailetcontainer.xml")).contains("<mailet match=\"All\" class=\"org.apache.james."
                + "transport.mailets.RemoteDelivery\"><gateway>127.0.0.1</gateway><gatewayPort>2526</gatewayPort>"
                + "</mailet>");
        }

        @Test
        void failsWithoutRemoteDelivery() throws IOException {
            Path conf = conf("mailetcontainer.xml", "<mailetcontainer><!-- <mailet class=\"RemoteDelivery\"/> -->"
                + "</mailetcontainer>");

            assertThatThrownBy(() -> prepare(conf)).isInstanceOf(IOException.class)
                .hasMessageContaining("No RemoteDelivery mailet");
        }

        @Test
        void failsWhenThereIsNoConf() {
            assertThatThrownBy(() -> prepare(temp.resolve("nothing"))).isInstanceOf(IOException.class)
                .hasMessageContaining("No mailetcontainer.xml");
        }
    }

    @Nested
    class Ports {
        @Test
        void rebindsEveryServerToTheLocalHostAndPorts() throws IOException {
            Path conf = conf("mailetcontainer.xml", MAILETS,
                "smtpserver.xml", "<smtpservers><smtpserver><bind>0.0.0.0:25</bind></smtpserver>\n"
                    + "<smtpserver><bind> 0.0.0.0:587 , [::]:587 </bind></smtpserver>\n"
                    + "<!-- <bind>0.0.0.0:465</bind> --></smtpservers>",
                "imapserver.xml", "<imapservers><imapserver><bind>0.0.0.0:143</bind></imapserver></imapservers>");

            List<String> changes = prepare(conf);

            assertThat(read("smtpserver.xml")).isEqualTo("<smtpservers><smtpserver><bind>127.0.0.1:2525</bind>"
                + "</smtpserver>\n<smtpserver><bind>127.0.0.1:10587,127.0.0.1:10587</bind></smtpserver>\n"
                + "<!-- <bind>0.0.0.0:465</bind> --></smtpservers>");
            assertThat(read("imapserver.xml")).contains("<bind>127.0.0.1:1143</bind>");
            assertThat(changes).contains("smtpserver.xml: <bind>0.0.0.0:25</bind> -> <bind>127.0.0.1:2525</bind>",
                "imapserver.xml: <bind>0.0.0.0:143</bind> -> <bind>127.0.0.1:1143</bind>");
        }

        @Test
        void setsWebAdminPortAndHostKeepingTheRest() throws IOException {
            prepare(conf("mailetcontainer.xml", MAILETS,
                "webadmin.properties", "# comment port=1\nenabled=true\nport=8000\ncors.enable=false\n"));

            assertThat(read("webadmin.properties"))
                .isEqualTo("# comment port=1\nenabled=true\nport=8001\ncors.enable=false\nhost=127.0.0.1\n");
        }

        @Test
        void keepsTheBorderRoutesButNotForTheStockJames() throws IOException {
            String webAdmin = "enabled=true\nport=8000\nextensions.routes=org.bordertransport.webadmin.PolicyRoutes\n"
                + "jwt.enabled=false\n";
            Path conf = conf("mailetcontainer.xml", MAILETS, "webadmin.properties", webAdmin);
            prepare(conf);
            assertThat(read("webadmin.properties")).contains("extensions.routes=org.bordertransport.webadmin.PolicyRoutes");

            ConfPreparer.Settings stock = ConfPreparer.Settings.builder().smtpPort(2525).imapPort(1143)
                .webAdminPort(8001).gateway("127.0.0.1", 2526).otherPorts(port -> port + 10000).stock(true).build();
            List<String> changes = new ConfPreparer(stock).prepare(conf, temp.resolve("out"));

            assertThat(read("webadmin.properties"))
                .isEqualTo("enabled=true\nport=8001\njwt.enabled=false\nhost=127.0.0.1\n");
            assertThat(changes).contains("webadmin.properties: extensions.routes removed");
        }

        @Test
        void theStockJamesKeepsJamesOwnRoutes() throws IOException {
            Path conf = conf("mailetcontainer.xml", MAILETS, "webadmin.properties", "enabled=true\nextensions.routes="
                + "org.apache.james.webadmin.dropwizard.MetricsRoutes, org.bordertransport.webadmin.PolicyRoutes\n"
                + "jwt.enabled=false\n");
            ConfPreparer.Settings stock = ConfPreparer.Settings.builder().smtpPort(2525).imapPort(1143)
                .webAdminPort(8001).gateway("127.0.0.1", 2526).otherPorts(port -> port + 10000).stock(true).build();
            List<String> changes = new ConfPreparer(stock).prepare(conf, temp.resolve("out"));

            assertThat(read("webadmin.properties")).contains(
                "extensions.routes=org.apache.james.webadmin.dropwizard.MetricsRoutes\njwt.enabled=false\n")
                .doesNotContain("bordertransport");
            assertThat(changes).contains("webadmin.properties: Border Transport routes removed from extensions.routes");
        }

        @Test
        void movesJmxWhenItIsConfigured() throws IOException {
            prepare(conf("mailetcontainer.xml", MAILETS,
                "jmx.properties", "jmx.enabled=true\njmx.address=0.0.0.0\njmx.port=9999\n"));

            assertThat(read("jmx.properties")).isEqualTo("jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=19999\n");
        }

        @Test
        void failsOnAPortWithoutALocalOneWhenNoFallbackIsSet() throws IOException {
            Path conf = conf("mailetcontainer.xml", MAILETS,
                "pop3server.xml", "<pop3servers><pop3server><bind>0.0.0.0:110</bind></pop3server></pop3servers>");
            ConfPreparer.Settings strict = ConfPreparer.Settings.builder().smtpPort(2525).imapPort(1143)
                .webAdminPort(8000).gateway("127.0.0.1", 1).build();

            assertThatThrownBy(() -> new ConfPreparer(strict).prepare(conf, temp.resolve("out")))
                .hasMessageContaining("110");
        }

        @Test
        void requiresTheMainPorts() {
            assertThatThrownBy(() -> ConfPreparer.Settings.builder().smtpPort(1).build())
                .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ConfPreparer.Settings.builder().smtpPort(0))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void copiesEverythingElseByteForByte() throws IOException {
        byte[] keystore = {0, 1, 2, (byte) 0xff, '<', 'b', 'i', 'n', 'd', '>'};
        Path conf = conf("mailetcontainer.xml", MAILETS, "domainlist.xml", "<domainlist>\u00e9</domainlist>",
            "logback.xml", "<configuration/>");
        Files.write(conf.resolve("keystore"), keystore);
        Files.createDirectories(conf.resolve("sub"));
        Files.writeString(conf.resolve("sub/extra.txt"), "x");

        prepare(conf);

        assertThat(Files.readAllBytes(temp.resolve("out/keystore"))).isEqualTo(keystore);
        assertThat(read("domainlist.xml")).isEqualTo("<domainlist>\u00e9</domainlist>");
        assertThat(read("sub/extra.txt")).isEqualTo("x");
    }

    @Test
    void neverWritesIntoOrOverTheShippedConf() throws IOException {
        Path conf = conf("mailetcontainer.xml", MAILETS);

        assertThatThrownBy(() -> new ConfPreparer(settings()).prepare(conf, conf))
            .hasMessageContaining("must be outside");
        assertThatThrownBy(() -> new ConfPreparer(settings()).prepare(conf, temp))
            .hasMessageContaining("must be outside");
        assertThat(conf.resolve("mailetcontainer.xml")).hasContent(MAILETS);
    }

    @Test
    void replacesWhatAnEarlierRunLeft() throws IOException {
        Path conf = conf("mailetcontainer.xml", MAILETS);
        Files.createDirectories(temp.resolve("out"));
        Files.writeString(temp.resolve("out/stale.xml"), "old");

        prepare(conf);

        assertThat(temp.resolve("out/stale.xml")).doesNotExist();
    }

    /** The repository's own conf/: only ports, hosts and the gateway may differ. */
    @Nested
    class ShippedConf {
        private final Path shipped = Paths.get(System.getProperty("border.conf.dir", "../conf"));

        @Test
        void changesOnlyPortsHostsAndTheGateway() throws IOException {
            List<String> changes = new ConfPreparer(settings()).prepare(shipped, temp.resolve("out"));

            assertThat(changes).anyMatch(change -> change.startsWith("smtpserver.xml: <bind>0.0.0.0:25</bind>"))
                .anyMatch(change -> change.startsWith("imapserver.xml: <bind>0.0.0.0:143</bind>"))
                .anyMatch(change -> change.startsWith("webadmin.properties: port=8000 -> port=8001"))
                .anyMatch(change -> change.startsWith("mailetcontainer.xml: RemoteDelivery gets"));
            try (Stream<Path> files = Files.list(shipped)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    String original = Files.readString(file, UTF_8);
                    String prepared = read(name);
                    assertThat(normalize(prepared)).as(name).isEqualTo(normalize(original));
                }
            }
        }

        private String normalize(String text) {
            return text.replaceAll("<bind>[^<]*</bind>", "<bind/>")
                .replaceAll("(?m)^(port|host)=.*$", "$1=")
                .replaceAll("(?m)^host=\\n", "")
                .replace("<gateway>127.0.0.1</gateway><gatewayPort>2526</gatewayPort>", "")
                .replaceAll("(?m)^jmx\\.(port|address)=.*$", "jmx.$1=");
        }
    }
}
