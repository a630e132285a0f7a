package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.bordertransport.james.FileResolver;
import org.junit.jupiter.api.Test;

/**
 * Every mailet declares the parameters it accepts in one place, {@code public static final Set<String> PARAMETERS},
 * and its {@code init()} rejects any other name listing exactly that set (the docs tables are compared with it).
 */
class DeclaredParametersTest {
    private static final FileResolver NOWHERE = location -> {
        throw new FileNotFoundException(location);
    };

    private static Map<Class<?>, Mailet> mailets() {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        return Map.ofEntries(
            Map.entry(AddAuthenticationResults.class, new AddAuthenticationResults(Fixtures.BORDER_TEST, null, metrics)),
            Map.entry(AddMessageId.class, new AddMessageId(Fixtures.BORDER_TEST, metrics)),
            Map.entry(ConvertForRemoteDomain.class, new ConvertForRemoteDomain(NOWHERE, metrics, ThirdPartySigner.unused())),
            Map.entry(ConvertTnef.class, new ConvertTnef(NOWHERE, metrics, ThirdPartySigner.unused())),
            Map.entry(RecordDeliveryMailbox.class, new RecordDeliveryMailbox()),
            Map.entry(RecordForwards.class, new RecordForwards(null)),
            Map.entry(RecordForwardingMailbox.class, new RecordForwardingMailbox(metrics)),
            Map.entry(RemoveDeliveryMailbox.class, new RemoveDeliveryMailbox()),
            Map.entry(RemoveInternalHeaders.class, new RemoveInternalHeaders(metrics, ThirdPartySigner.unused())),
            Map.entry(RepairMimeParameters.class, new RepairMimeParameters(metrics, ThirdPartySigner.unused())),
            Map.entry(ReplaceInternalMessageId.class, new ReplaceInternalMessageId(Fixtures.BORDER_TEST, metrics, ThirdPartySigner.unused())),
            Map.entry(RestoreInternalMessageId.class, new RestoreInternalMessageId(Fixtures.BORDER_TEST, metrics)),
            Map.entry(ReverseSrs.class, new ReverseSrs(NOWHERE, metrics, Clock.systemUTC())),
            Map.entry(RewriteSenderSrs.class, new RewriteSenderSrs(NOWHERE, Fixtures.BORDER_TEST, metrics, Clock.systemUTC())),
            Map.entry(SplitByRemoteDomain.class, new SplitByRemoteDomain(NOWHERE, metrics)),
            Map.entry(SignDkim.class, new SignDkim(new RecordingMetricFactory())));
    }

    @SuppressWarnings("unchecked")
    static Set<String> declared(Class<?> type) throws ReflectiveOperationException {
        Field field = type.getField("PARAMETERS");
        assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
            .as(type.getSimpleName() + ".PARAMETERS is static final").isTrue();
        assertThat(field.getType()).isEqualTo(Set.class);
        return (Set<String>) field.get(null);
    }

    @Test
    void everyMailetOfThePackageIsCovered() throws URISyntaxException, Exception {
        Path classes = Path.of(AddMessageId.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("org/bordertransport/mailets");
        List<Class<?>> found;
        try (Stream<Path> files = Files.list(classes)) {
            found = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                .map(n -> load("org.bordertransport.mailets." + n.substring(0, n.length() - 6)))
                .filter(c -> Mailet.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                .collect(Collectors.toList());
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(mailets().keySet());
    }

    @Test
    void initRejectsEveryNameOutsideTheDeclaredParameters() throws Exception {
        for (Map.Entry<Class<?>, Mailet> e : mailets().entrySet()) {
            Set<String> declared = declared(e.getKey());
            String name = e.getKey().getSimpleName();
            assertThatThrownBy(() -> e.getValue().init(FakeMailetConfig.builder().mailetName(name)
                .mailetContext(FakeMailContext.defaultContext()).setProperty("noSuchParameter", "x").build()))
                .as(name)
                .isInstanceOf(MessagingException.class)
                .hasMessage(name + ": Unknown parameter 'noSuchParameter': allowed parameters are "
                    + new TreeSet<>(declared));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
