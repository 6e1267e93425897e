package cn.tongban.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module boundaries, checked on the main classes of every module (the server's test class path holds them
 * all, test-fixtures and the generated API included; no test classes). Each rule says why it exists; a rule that
 * must allow an exception names it here rather than in a freeze file.
 */
@AnalyzeClasses(packages = "cn.tongban", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * A cycle between two packages means neither can be understood or moved alone. Checked package by package in
     * every module except catalog and server, whose package cycles are known debt (catalog with catalog.io,
     * catalog.search and catalog.admin; server.config with the server packages whose properties it holds, and
     * server.cli with server.demo); those two are held to no cycles between modules (the next rule) until they are
     * untangled.
     */
    @ArchTest
    static void packagesDependOnEachOtherWithoutCycles(JavaClasses classes) {
        slices().matching("cn.tongban.(**)")
                .should()
                .beFreeOfCycles()
                .check(classes.that(resideOutsideOfPackages("cn.tongban.catalog..", "cn.tongban.server..")));
    }

    /** The modules' top-level packages (catalog, seal, licence, server, ...) form no cycle either. */
    @ArchTest
    static final ArchRule modulesDependOnEachOtherWithoutCycles =
            slices().matching("cn.tongban.(*)..").should().beFreeOfCycles();

    /**
     * PDFBox parses untrusted files: it stays in the packages that handle PDF (licence and seal verification,
     * seal stamping, and the test fixtures that build hostile PDFs), where its budgets are applied.
     */
    @ArchTest
    static final ArchRule onlyThePdfPackagesUsePdfbox = noClasses()
            .that()
            .resideOutsideOfPackages("cn.tongban.licence.pdf..", "cn.tongban.seal.pdf..", "cn.tongban.fixtures.pdf..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.pdfbox..")
            .because("PDF handling is confined to the pdf packages");

    /**
     * Camel routes live in exchange-routes; the server's exchange package is where the routes are wired into the
     * Spring application (its configuration and the controllers' producer template), and nowhere else.
     */
    @ArchTest
    static final ArchRule onlyTheExchangeUsesCamel = noClasses()
            .that()
            .resideOutsideOfPackages("cn.tongban.exchange..", "cn.tongban.server.exchange..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.camel..")
            .because("routing is exchange-routes' job, wired by the server's exchange package");

    /** The API layer (generated interfaces and the controllers) speaks DTOs; SQL stays in the repositories. */
    @ArchTest
    static final ArchRule theApiLayerUsesNoJdbc = noClasses()
            .that()
            .resideInAPackage("..api..")
            .or()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.springframework.jdbc..");

    /** Controllers stay thin: they call services, which own the transactions and the rules. */
    @ArchTest
    static final ArchRule controllersCallServicesNotJdbcRepositories = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .haveSimpleNameStartingWith("Jdbc");

    /**
     * Standard output and error belong to the command line (its commands are handed the streams); everything
     * else logs. {@link Tongban} is the CLI's entry point: it hands System.out/err to the commands.
     */
    @ArchTest
    static final ArchRule onlyTheCommandLineWritesToStandardStreams = noClasses()
            .that()
            .resideOutsideOfPackage("cn.tongban.server.cli..")
            .and()
            .doNotHaveFullyQualifiedName(Tongban.class.getName())
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because("a server logs; only the command line prints");
}
