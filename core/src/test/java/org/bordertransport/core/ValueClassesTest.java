package org.bordertransport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bordertransport.core.policy.RemoteDomainSettings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import nl.jqno.equalsverifier.api.SingleTypeEqualsVerifierApi;

/**
 * Every value class of core (a final class that declares {@code equals}) keeps the {@code equals}/{@code hashCode}
 * contract, checked by EqualsVerifier. The classes are found in core's compiled main classes, so a new value class is
 * checked without being listed here.
 */
class ValueClassesTest {
    private static final String ROOT = "org/bordertransport/core";
    /** Fields computed from the others (lookup indexes), which equals rightly leaves out. */
    private static final Map<String, List<String>> DERIVED_FIELDS = Map.of(
        "org.bordertransport.core.policy.RemoteDomainPolicy", List.of("exact", "wildcard", "byName", "defaultDomain",
            "byAddress", "plain"));

    /** core's main class folder (not the test classes). */
    private static Path mainClasses() throws IOException, URISyntaxException {
        for (URL url : Collections.list(ValueClassesTest.class.getClassLoader().getResources(ROOT))) {
            if (url.getProtocol().equals("file") && !url.getPath().contains("test-classes")) {
                return Paths.get(url.toURI());
            }
        }
        throw new IllegalStateException("core's main classes not found on the class path");
    }

    static List<Class<?>> valueClasses() throws Exception {
        Path root = mainClasses();
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.map(p -> root.relativize(p).toString().replace('/', '.'))
                .filter(n -> n.endsWith(".class"))
                .map(n -> "org.bordertransport.core." + n.substring(0, n.length() - ".class".length()))
                .sorted().collect(Collectors.toList());
        }
        List<Class<?>> result = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ValueClassesTest.class.getClassLoader());
            if (isValueClass(type)) {
                result.add(type);
            }
        }
        return result;
    }

    private static boolean isValueClass(Class<?> type) {
        if (type.isInterface() || type.isEnum() || type.isAnonymousClass() || type.isLocalClass()
            || !Modifier.isFinal(type.getModifiers())
            || type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            return false;
        }
        try {
            type.getDeclaredMethod("equals", Object.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyValueClassKeepsTheEqualsContract() throws Exception {
        List<Class<?>> types = valueClasses();
        assertThat(types).as("value classes found").hasSizeGreaterThanOrEqualTo(10);
        return types.stream().map(type -> DynamicTest.dynamicTest(type.getName(),
            // no value class holds null: constructors reject it or get only non-null values (optional ones are Optional)
            () -> verifier(type).verify()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SingleTypeEqualsVerifierApi<?> verifier(Class<?> type) {
        SingleTypeEqualsVerifierApi verifier = EqualsVerifier.forClass(type).suppress(Warning.NULL_FIELDS)
            .withIgnoredFields(DERIVED_FIELDS.getOrDefault(type.getName(), List.of()).toArray(new String[0]));
        if (type == RemoteDomainSettings.class) {
            // its hash code is computed once, in the constructor: it keys per-message lookups
            verifier = verifier.withCachedHashCode("hash", "computeHash", RemoteDomainSettings.defaults());
        }
        return verifier;
    }
}
