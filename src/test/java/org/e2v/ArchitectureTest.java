package org.e2v;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering rules of STYLE.md, enforced on the production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.e2v");
    }

    @Test
    void onlyUiImportsJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.e2v.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..")
                .because("services must run headless from the CLI and in tests without the FX toolkit");
        rule.check(classes);
    }

    @Test
    void onlyCliWritesToStandardStreams() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.e2v.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("services report through return values, ProgressSink and exceptions; "
                        + "only the command line decides what to print");
        rule.check(classes);
    }

    @Test
    void onlyModelAndTrainImportNd4j() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.e2v.model..", "org.e2v.train..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
                .because("INDArrays never cross layers or threads: the rest of e2v sees float[] and records");
        rule.check(classes);
    }

    @Test
    void onlyAudioAndFeaturesImportTarsos() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.e2v.audio..", "org.e2v.features..")
                .should().dependOnClassesThat().resideInAnyPackage("be.tarsos..")
                .because("TarsosDSP is an implementation detail of audio input and feature extraction");
        rule.check(classes);
    }

    @Test
    void domainDependsOnNoLibrary() {
        ArchRule rule = noClasses().that().resideInAPackage("org.e2v.domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.e2v.domain..", "java..")
                .because("domain records are shared by every layer and must stay free of library types");
        rule.check(classes);
    }

    @Test
    void servicesDoNotDependOnCliOrUi() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.e2v.cli..", "org.e2v.ui..", "org.e2v")
                .should().dependOnClassesThat().resideInAnyPackage("org.e2v.cli..", "org.e2v.ui..")
                .because("dependencies point inward: the CLI and the GUI call services, never the reverse");
        rule.check(classes);
    }
}
