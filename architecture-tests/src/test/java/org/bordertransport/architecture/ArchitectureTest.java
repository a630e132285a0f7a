package org.bordertransport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rules of /work/shared/ARCHITECTURE.md as tests over the production classes of every module on this
 * module's class path: no package cycles anywhere, {@code core} free of James server API, adapters that do not
 * reach into each other, and core's bottom layer free of the engines above it.
 */
class ArchitectureTest {
    private static final String ROOT = "org.bordertransport";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    }

    @Test
    void importsEveryModule() {
        // a rule over an empty or partial import passes vacuously: make sure each layer is really there
        for (String pkg : new String[] {ROOT + ".core.srs", ROOT + ".core.tnef", ROOT + ".james", ROOT + ".mailets",
            ROOT + ".matchers", ROOT + ".smtp", ROOT + ".cli", ROOT + ".webadmin"}) {
            org.assertj.core.api.Assertions.assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals(pkg)))
                .as("classes of package %s imported", pkg)
                .isTrue();
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreDoesNotUseJamesServerApi() {
        noClasses().that().resideInAPackage(ROOT + ".core..")
            .should().dependOnClassesThat(resideInAnyPackage("org.apache.james..", "org.apache.mailet..")
                .and(not(resideInAPackage("org.apache.james.mime4j.."))))
            .because("core holds the engines; James adapters live in mailets/, matchers/ and the SMTP hook")
            .check(classes);
    }

    @Test
    void coreDoesNotDependOnAdapters() {
        noClasses().that().resideInAPackage(ROOT + ".core..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".mailets..", ROOT + ".matchers..",
                ROOT + ".smtp..", ROOT + ".james..", ROOT + ".cli..", ROOT + ".demo..", ROOT + ".benchmarks..",
                ROOT + ".webadmin..")
            .check(classes);
    }

    @Test
    void adaptersDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage(ROOT + ".smtp..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".mailets..", ROOT + ".matchers..")
            .because("the SMTP hook shares the adapter layer, not the mailets")
            .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".james..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".mailets..", ROOT + ".matchers..",
                ROOT + ".smtp..")
            .because("the adapter layer is below the mailets, the matchers and the SMTP hook")
            .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".matchers..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".mailets..", ROOT + ".smtp..")
            .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".mailets..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".matchers..", ROOT + ".smtp..")
            .check(classes);
    }

    @Test
    void theWebAdminRoutesAreALayerBesideTheMailetsAndTheCli() {
        noClasses().that().resideInAnyPackage(ROOT + ".james..", ROOT + ".mailets..", ROOT + ".matchers..",
                ROOT + ".smtp..", ROOT + ".cli..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".webadmin..")
            .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".webadmin..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".mailets..", ROOT + ".matchers..",
                ROOT + ".smtp..", ROOT + ".cli..")
            .because("the routes share core and the adapter layer with the mailets, never the mailets themselves")
            .check(classes);
    }

    @Test
    void cliCommandsShareOnlyTheCommonPackage() {
        noClasses().that().resideInAPackage(ROOT + ".cli.common..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".cli.convert..", ROOT + ".cli.mail..",
                ROOT + ".cli.messageid..", ROOT + ".cli.ndr..", ROOT + ".cli.srs..", ROOT + ".cli.tnef..",
                ROOT + ".cli.config..", ROOT + ".cli.exchange..")
            .check(classes);
        noClasses().that().resideInAnyPackage(ROOT + ".cli.*..").and().resideOutsideOfPackage(ROOT + ".cli")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli")
            .because("the launcher (Border) knows its commands, never the other way round")
            .check(classes);
    }

    @Test
    void coreBottomLayerDoesNotDependOnEngines() {
        noClasses().that().resideInAnyPackage(ROOT + ".core.encoding..", ROOT + ".core.charset..",
                ROOT + ".core.policy..", ROOT + ".core.io..", ROOT + ".core.mail..", ROOT + ".core.config..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".core.convert..", ROOT + ".core.tnefmime..",
                ROOT + ".core.tnef..", ROOT + ".core.rtf..", ROOT + ".core.ndr..", ROOT + ".core.classify..",
                ROOT + ".core.srs..", ROOT + ".core.messageid..", ROOT + ".core.mime..")
            .because("encoding, charset, policy, io, mail and config are the bottom layer of core")
            .check(classes);
    }
}
