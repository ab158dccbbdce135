package dev.chorus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the pipeline's borders: one room per step, library types stay in their package. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    try {
      // only our compiled classes: scanning every jar on the classpath is slow
      java.nio.file.Path main =
          java.nio.file.Path.of(
              App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      classes =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPath(main.resolve("dev/chorus"));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.chorus.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void modelUsesOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.chorus.model..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.chorus.model..", "java..")
        .check(classes);
  }

  @Test
  void pureStepsDoNotReachIntoOtherSteps() {
    for (String step : new String[] {"fetch", "parse", "scrape", "clean", "store", "config"}) {
      noClasses()
          .that()
          .resideInAPackage("dev.chorus." + step + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(otherStepsThan(step))
          .check(classes);
    }
  }

  private static String[] otherStepsThan(String step) {
    return java.util.Arrays.stream(
            new String[] {
              "fetch",
              "parse",
              "scrape",
              "clean",
              "store",
              "config",
              "refresh",
              "schedule",
              "web",
              "cli"
            })
        .filter(s -> !s.equals(step))
        .map(s -> "dev.chorus." + s + "..")
        .toArray(String[]::new);
  }

  @Test
  void librariesStayInTheirPackage() {
    rule("com.rometools..", "dev.chorus.parse..");
    rule("com.ctc.wstx..", "dev.chorus.parse..");
    rule("org.jdom2..", "dev.chorus.parse..");
    rule("okhttp3..", "dev.chorus.fetch..");
    rule("org.owasp..", "dev.chorus.clean..");
    rule("io.javalin..", "dev.chorus.web..");
    rule("gg.jte..", "dev.chorus.web..");
    rule("org.quartz..", "dev.chorus.schedule..");
    rule("java.sql..", "dev.chorus.store..");
    rule("org.yaml..", "dev.chorus.config..");
    rule("picocli..", "dev.chorus.cli..");
  }

  private static void rule(String library, String owner) {
    // the benchmark harness may measure libraries directly (e.g. a bare Javalin ceiling)
    noClasses()
        .that()
        .resideOutsideOfPackages(owner, "dev.chorus.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(library)
        .check(classes);
  }
}
