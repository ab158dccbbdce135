package dev.chorus.fetch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.chorus.App;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Nothing but {@link Fetcher} reaches the network (SECURITY-CASES X13, S9): no java.net.URL
 * streams, no JDK HttpClient, no jsoup or Rome fetching, so every request passes the SSRF guard and
 * the limits.
 */
class OnlyTheFetcherFetchesTest {

  @Test
  void noOtherClassOpensUrlsOrConnections() throws Exception {
    Path main = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(main.resolve("dev/chorus"));
    // the benchmark harness drives its own loopback load generator; it is not part of the pipeline
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.chorus.bench..")
        .should()
        .callMethod(java.net.URL.class, "openConnection")
        .orShould()
        .callMethod(java.net.URL.class, "openStream")
        .orShould()
        .callMethod(org.jsoup.Jsoup.class, "connect", String.class)
        .orShould()
        .callConstructor(com.rometools.rome.io.XmlReader.class, java.net.URL.class)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.http.HttpClient")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.HttpURLConnection")
        .because("only the guarded Fetcher may fetch")
        .check(classes);
  }
}
