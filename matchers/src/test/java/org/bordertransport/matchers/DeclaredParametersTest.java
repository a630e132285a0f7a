package org.bordertransport.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.mailet.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Every matcher declares its parameters in {@code public static final Set<String> PARAMETERS}: the {@code name=value}
 * options its condition takes (empty for a condition that is a single value).
 */
class DeclaredParametersTest {
    @Test
    void everyMatcherDeclaresItsParameters() throws Exception {
        Path classes = Path.of(HasTnef.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("org/bordertransport/matchers");
        List<Class<?>> matchers;
        try (Stream<Path> files = Files.list(classes)) {
            matchers = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                .map(n -> load("org.bordertransport.matchers." + n.substring(0, n.length() - 6)))
                .filter(c -> Matcher.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                .collect(Collectors.toList());
        }
        assertThat(matchers).containsExactlyInAnyOrder(HasNoMessageId.class, HasTnef.class, IsNonDeliveryReport.class,
            IsSrsRecipient.class, RemoteDomainDisallows.class);
        for (Class<?> matcher : matchers) {
            Field field = matcher.getField("PARAMETERS");
            assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
                .as(matcher.getSimpleName()).isTrue();
            assertThat(field.getType()).isEqualTo(Set.class);
        }
        assertThat(RemoteDomainDisallows.PARAMETERS).containsExactlyInAnyOrder("policyFile", "reloadInterval");
        assertThat(HasTnef.PARAMETERS).isEmpty();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
