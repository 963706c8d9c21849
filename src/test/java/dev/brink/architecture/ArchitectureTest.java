package dev.brink.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

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
      "dev.brink.params..", "dev.brink.request..", "dev.brink.sweep..", "dev.brink.network..",
      "dev.brink.optimizer..", "dev.brink.reproduce.."};

  @ArchTest
  static final ArchRule scienceUsesNoFrameworks = noClasses().that().resideInAnyPackage(SCIENCE)
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.reactivex..",
          "io.micrometer..", "picocli..", "com.fasterxml..", "java.awt..", "javax.imageio..")
      .because("the science must run and be tested without the server, CLI or output formats");

  @ArchTest
  static final ArchRule kernelAvoidsStreams = noClasses().that()
      .resideInAnyPackage("dev.brink.descent..", "dev.brink.network..", "dev.brink.optimizer..")
      .should().dependOnClassesThat().resideInAnyPackage("java.util.stream..")
      .because("the GD hot loops must not allocate");

  /** Autoboxing compiles to Double.valueOf and unboxing to doubleValue. */
  @ArchTest
  static final ArchRule kernelAvoidsBoxing = noClasses().that()
      .resideInAnyPackage("dev.brink.descent..", "dev.brink.network..", "dev.brink.optimizer..")
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

  /**
   * The server's concerns, each a package, importing one way only (top to bottom): the server
   * that wires them; HTTP (routes, errors, origins); live views; sweeps; the cluster; the
   * protocol's messages, errors and limits; the compute pool; the configuration.
   */
  @ArchTest
  static final ArchRule serverPackagesImportOneWay = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("server").definedBy("dev.brink.server")
      .layer("http").definedBy("dev.brink.server.http..")
      .layer("view").definedBy("dev.brink.server.view..")
      .layer("sweep").definedBy("dev.brink.server.sweep..")
      .layer("zoom").definedBy("dev.brink.server.zoom..")
      .layer("reproduce").definedBy("dev.brink.server.reproduce..")
      .layer("cluster").definedBy("dev.brink.server.cluster..")
      .layer("protocol").definedBy("dev.brink.server.protocol..")
      .layer("compute").definedBy("dev.brink.server.compute..")
      .layer("config").definedBy("dev.brink.server.config..")
      .whereLayer("server").mayNotBeAccessedByAnyLayer()
      .whereLayer("http").mayOnlyBeAccessedByLayers("server")
      .whereLayer("view").mayOnlyBeAccessedByLayers("server", "http")
      .whereLayer("sweep").mayOnlyBeAccessedByLayers("server", "http", "view")
      .whereLayer("zoom").mayOnlyBeAccessedByLayers("server", "http")
      .whereLayer("reproduce").mayOnlyBeAccessedByLayers("server", "http")
      .whereLayer("cluster").mayOnlyBeAccessedByLayers("server", "view", "sweep", "reproduce")
      .whereLayer("protocol").mayOnlyBeAccessedByLayers("server", "http", "view", "sweep",
          "zoom", "reproduce", "cluster")
      .whereLayer("compute").mayOnlyBeAccessedByLayers("server", "http", "view", "sweep",
          "zoom", "reproduce", "cluster", "protocol")
      .because("each concern of the server leans only on those below it");

  @ArchTest
  static final ArchRule clusterAloneUsesHazelcastAndTheEventBus = noClasses().that()
      .resideOutsideOfPackage("dev.brink.server.cluster..")
      .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..",
          "io.vertx.spi.cluster..", "io.vertx.core.eventbus..")
      .because("how nodes find each other and share work is the cluster package's business");
}
