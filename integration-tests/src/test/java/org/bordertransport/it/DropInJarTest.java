package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The integration tests run the mailets from the shaded drop-in jar, next to the libraries a real James 3.8.1 has:
 * so these tests also prove the jar works as deployed.
 */
class DropInJarTest {
    @Test
    void mailetsMatchersAndCoreComeFromTheDropInJar() throws Exception {
        Path mailets = origin("org.bordertransport.mailets.AddMessageId");

        assertThat(mailets.getFileName().toString()).startsWith("border-transport-").endsWith(".jar")
            .doesNotContain("mailets").doesNotContain("core");
        assertThat(origin("org.bordertransport.matchers.HasNoMessageId")).isEqualTo(mailets);
        assertThat(origin("org.bordertransport.core.messageid.PublicMessageIds")).isEqualTo(mailets);
        assertThat(origin("org.bordertransport.webadmin.PolicyRoutes")).isEqualTo(mailets);
    }

    @Test
    void tinkIsRelocatedAndDoesNotClashWithTheTinkJamesShips() throws Exception {
        Path dropIn = origin("org.bordertransport.mailets.AddMessageId");

        assertThat(origin("org.bordertransport.shaded.tink.subtle.AesSiv")).isEqualTo(dropIn);
        // James 3.8.1's own Tink (JMAP web push), a different version, stays where it is
        assertThat(origin("com.google.crypto.tink.subtle.AesSiv").getFileName().toString()).isEqualTo("tink-1.7.0.jar");
    }

    @Test
    void theUnshadedModulesAreNotOnTheClasspath() throws Exception {
        ClassLoader loader = DropInJarTest.class.getClassLoader();

        assertThat(Collections.list(loader.getResources("org/bordertransport/mailets/AddMessageId.class"))).hasSize(1);
        assertThat(Collections.list(loader.getResources("org/bordertransport/matchers/HasNoMessageId.class"))).hasSize(1);
        assertThat(Collections.list(loader.getResources("org/bordertransport/core/messageid/PublicMessageIds.class")))
            .hasSize(1);
    }

    /**
     * James's own libraries (javax.mail, slf4j, logback, mime4j ...) are provided by the server: a copy in the jar would
     * put a second javax.mail provider list, SLF4J binding and logback configurator in front of every service lookup
     * (James's RemoteDelivery looks the SMTP transport up for every delivery), and classes of another version beside
     * James's. Only our classes (third-party ones relocated under org/bordertransport/shaded) and our metadata.
     */
    @Test
    void theJarHoldsOnlyOurClassesAndNoServiceFiles() throws Exception {
        List<String> foreign;
        try (JarFile jar = new JarFile(origin("org.bordertransport.mailets.AddMessageId").toFile())) {
            foreign = jar.stream().map(entry -> entry.getName())
                .filter(name -> !name.endsWith("/"))
                .filter(name -> !name.startsWith("org/bordertransport/"))
                .filter(name -> !name.startsWith("META-INF/") || name.startsWith("META-INF/services/"))
                .collect(Collectors.toList());
        }

        assertThat(foreign).isEmpty();
    }

    private static Path origin(String className) throws Exception {
        return Paths.get(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
