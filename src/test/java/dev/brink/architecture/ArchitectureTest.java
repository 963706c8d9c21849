package dev.brink.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The science (losses, GD kernel, box counting, grids, lines, planes, parameters) is plain Java:
 * testable and benchmarkable alone, with no server, reactive, metrics, CLI or JSON types.
 */
@AnalyzeClasses(packages = "dev.brink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] SCIENCE = {"dev.brink.landscape..", "dev.brink.descent..",
      "dev.brink.fractal..", "dev.brink.grid..", "dev.brink.line..", "dev.brink.plane..",
      "dev.brink.params..", "dev.brink.request.."};

  @ArchTest
  static final ArchRule scienceUsesNoFrameworks = noClasses().that().resideInAnyPackage(SCIENCE)
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.reactivex..",
          "io.micrometer..", "picocli..", "com.fasterxml..", "java.awt..", "javax.imageio..")
      .because("the science must run and be tested without the server, CLI or output formats");

  @ArchTest
  static final ArchRule kernelAvoidsStreams = noClasses().that()
      .resideInAPackage("dev.brink.descent..")
      .should().dependOnClassesThat().resideInAnyPackage("java.util.stream..")
      .because("the GD hot loops must not allocate");

  /** Autoboxing compiles to Double.valueOf and unboxing to doubleValue. */
  @ArchTest
  static final ArchRule kernelAvoidsBoxing = noClasses().that()
      .resideInAPackage("dev.brink.descent..")
      .should().callMethod(Double.class, "valueOf", double.class)
      .orShould().callMethod(Double.class, "doubleValue")
      .because("the GD hot loops must not box doubles");

  @ArchTest
  static final ArchRule serverStaysOutOfTheCommandLine = noClasses().that()
      .resideInAPackage("dev.brink.server..").should().dependOnClassesThat()
      .resideInAPackage("dev.brink.cli..")
      .because("the command line starts the server, not the other way round");

  @ArchTest
  static final ArchRule scienceDoesNotReachUp = noClasses().that().resideInAnyPackage(SCIENCE)
      .should().dependOnClassesThat().resideInAnyPackage("dev.brink.cli..", "dev.brink.report..",
          "dev.brink.server..", "dev.brink.bench..")
      .because("data flows one way: science -> reports -> command line or server");
}
