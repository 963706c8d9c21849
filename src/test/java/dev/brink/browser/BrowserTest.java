package dev.brink.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Trajectory;
import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in real headless Chromium against a real server; screenshots go to target/. */
class BrowserTest {
  static final String PLANE = "mode=plane&family=additive&lambda=1&x0=5&steps=300"
      + "&x=eta:0.85:1.1&y=eps:0:0.3&root=128&view=0,1,0,1&cmap=paper";
  static final Path SHOTS = Path.of("target", "screenshots");

  static ServerFixture fixture;
  static ChromeDriver driver;
  private final List<String> expectedErrors = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture(8, 0);
    driver = Chromium.start(1360, 900);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    driver.quit();
    fixture.close();
  }

  @AfterEach
  void noConsoleErrors() {
    List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> expectedErrors.stream().noneMatch(m::contains))
        .collect(Collectors.toList());
    assertEquals(List.of(), errors, "console errors");
  }

  static String base() {
    return "http://127.0.0.1:" + fixture.port() + "/";
  }

  static void waitDone() {
    new WebDriverWait(driver, Duration.ofSeconds(180)).until(d -> "done".equals(
        d.findElement(By.id("progress")).getDomAttribute("data-state")));
  }

  /** Opens the test plane and waits for its last tile. */
  static void openPlane() {
    driver.get("about:blank");
    driver.get(base() + "#" + PLANE);
    waitDone();
  }

  /** Waits until the plane has no view scheduled or streaming. */
  static void waitIdle() {
    new WebDriverWait(driver, Duration.ofSeconds(180)).until(
        d -> Boolean.FALSE.equals(js("return window.brink.plane.busy()")));
  }

  static void shot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * An FNV-1a digest of the tile canvas's pixels (not of toDataURL: Chromium's PNG encoder
   * may compress the same pixels differently).
   */
  static String canvasHash() {
    return (String) js("""
        const c = document.querySelector('#plane canvas.tiles');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let h = 2166136261;
        for (let i = 0; i < d.length; i++) { h ^= d[i]; h = Math.imul(h, 16777619); }
        return (h >>> 0).toString(16) + ' ' + c.width + 'x' + c.height;""");
  }

  static Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  @Test
  @DisplayName("the explorer paints tiles as they arrive, in the core's classes")
  void explorerPaintsTheCoresClasses() throws Exception {
    driver.get(base() + "#" + PLANE);
    Set<String> progress = new LinkedHashSet<>();
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      WebElement bar = driver.findElement(By.id("progress"));
      progress.add(bar.getDomAttribute("data-done") + "/" + bar.getDomAttribute("data-total"));
      if ("done".equals(bar.getDomAttribute("data-state"))) {
        break;
      }
      Thread.sleep(30);
    }
    waitDone();
    assertTrue(progress.size() >= 3, "painted tiles grew step by step: " + progress);
    String dimension = driver.findElement(By.id("dimension")).getText();
    assertTrue(dimension.matches("boundary dimension 1\\.\\d{3} ± 0\\.\\d{3} .*"), dimension);
    shot("explorer");

    @SuppressWarnings("unchecked")
    List<List<Number>> samples = (List<List<Number>>) js(SAMPLE_SCRIPT, 240);
    int uniform = 0;
    int agree = 0;
    for (List<Number> s : samples) {
      double eta = s.get(0).doubleValue();
      double eps = s.get(1).doubleValue();
      boolean pageDivergent = s.get(2).doubleValue() > 0;
      Trajectory t = Trajectory.trace(new Landscape(Family.ADDITIVE, 1, eps, 1.0, 0, 1),
          new double[] {eta}, new double[] {5.0}, 300, 1e8);
      agree += t.divergent() == pageDivergent ? 1 : 0;
      if (s.get(3).intValue() == 1) {
        uniform++;
        boolean red = s.get(4).intValue() > s.get(5).intValue();
        assertEquals(pageDivergent, red, "painted colour class at eta " + eta + ", eps " + eps);
      }
    }
    assertEquals(samples.size(), agree, "every sampled run's class equals the direct one");
    assertTrue(samples.size() >= 200 && uniform >= 50, samples.size() + " samples, " + uniform
        + " in uniform neighbourhoods");
  }

  /**
   * Samples pixel centres of the current zoom: [eta, eps, value, uniform 3x3 neighbourhood?,
   * red, blue] with the colour read from the tile canvas at that point.
   */
  static final String SAMPLE_SCRIPT = """
      const n = arguments[0];
      const p = window.brink.plane, vp = p.viewport, z = p.zoom, px = vp.pixels(z);
      const ctx = document.querySelector('#plane canvas.tiles').getContext('2d');
      const value = (gx, gy) => {
        const t = p.store.get(z, Math.floor(gx / 128), Math.floor(gy / 128));
        return t ? t.values[(gy % 128) * 128 + (gx % 128)] : 0;
      };
      let seed = 12345;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const out = [];
      for (let i = 0; i < n; i++) {
        const gx = 1 + Math.floor(rand() * (px.nx - 2)), gy = 1 + Math.floor(rand() * (px.ny - 2));
        const sx = vp.uToScreen(gx / (px.nx - 1)), sy = vp.vToScreen(gy / (px.ny - 1));
        const run = p.runAt({x: sx, y: sy});
        const v = value(gx, gy);
        let uniform = 1;
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++)
          if ((value(gx + dx, gy + dy) > 0) !== (v > 0)) uniform = 0;
        const d = ctx.getImageData(Math.floor(sx), Math.floor(sy), 1, 1).data;
        out.push([run.xValue, run.yValue, run.value, uniform, d[0], d[2]]);
      }
      return out;""";

  @Test
  @DisplayName("zoom, then the permalink reproduces the view exactly; colour maps recolour")
  void permalinkReproducesTheView() throws Exception {
    openPlane();
    WebElement canvas = driver.findElement(By.cssSelector("#plane canvas.tiles"));
    new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas, 60, -40),
        0, -500).perform();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> !d.getCurrentUrl().contains("view=0,1,0,1"));
    waitIdle();
    String url = driver.getCurrentUrl();
    Object window = js("return JSON.stringify(window.brink.state.plane.window)");
    String pixels = canvasHash();
    shot("explorer-zoomed");

    long computed = fixture.server.tiles().computed();
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("colormap")))
        .selectByValue("spectral");
    assertFalse(canvasHash().equals(pixels), "the rank-stretch map recolours the tiles");
    assertEquals(computed, fixture.server.tiles().computed(), "recolouring computes nothing");
    shot("explorer-spectral");

    driver.get("about:blank");
    driver.get(url.replace("cmap=spectral", "cmap=paper"));
    waitDone();
    assertEquals(window, js("return JSON.stringify(window.brink.state.plane.window)"));
    assertEquals(pixels, canvasHash(), "the same pixels after reloading the link");
  }

  @Test
  @DisplayName("the line view's alpha is within 0.05 of bin/brink line's")
  void lineViewAlpha() throws Exception {
    driver.get(base() + "#mode=line&family=additive&eps=0.2&lambda=0.1&levels=16&eta-min=0"
        + "&eta-max=1.5&cmap=paper");
    waitDone();
    double pageAlpha = Double.parseDouble(
        driver.findElement(By.id("alpha")).getDomAttribute("data-alpha"));
    double expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = LineExperiment.run(new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.2)
              .lambda(0.1).build(), 16, 0, 1.5), runner, Cancellation.NONE, LineListener.NONE)
          .alpha().slope();
    }
    assertTrue(expected > 0.5, "a fractal line: alpha " + expected);
    assertEquals(expected, pageAlpha, 0.05);
    assertTrue(driver.findElement(By.id("alpha")).getText().startsWith("α = "));
    driver.findElement(By.cssSelector("#line canvas.strip")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
        By.cssSelector("#inspector .charts canvas")).size() >= 3);
    assertTrue(driver.findElement(By.cssSelector("#inspector .title")).getText()
        .contains("η ="));
    shot("line");
  }

  @Test
  @DisplayName("clicking a pixel opens its run: loss, x_t and the landscape cobweb")
  void inspector() throws Exception {
    openPlane();
    WebElement canvas = driver.findElement(By.cssSelector("#plane canvas.tiles"));
    new Actions(driver).moveToElement(canvas, 120, 60).perform();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> d.findElement(By.id("readout")).getText().startsWith("eta = "));
    assertTrue(driver.findElement(By.id("readout")).getText().matches(
        "eta = [0-9.]+, eps = [0-9.]+: (divergent at step \\d+|bounded .*)"),
        driver.findElement(By.id("readout")).getText());
    new Actions(driver).click().perform();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
        By.cssSelector("#inspector .charts canvas")).size() >= 3);
    String title = driver.findElement(By.cssSelector("#inspector .title")).getText();
    assertTrue(title.startsWith("additive, η = "), title);
    shot("inspector");
  }

  @Test
  @DisplayName("an invalid value is marked at its field with the server's message")
  void invalidFieldIsMarked() throws Exception {
    openPlane();
    WebElement lambda = driver.findElement(By.cssSelector("#panel input[name=lambda]"));
    lambda.clear();
    lambda.sendKeys("-2");
    driver.findElement(By.cssSelector("#panel button[type=submit]")).click();
    WebElement label = driver.findElement(By.cssSelector("#panel [data-field=lambda]"));
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> label.getDomAttribute("class") != null && label.getDomAttribute("class")
            .contains("invalid"));
    assertEquals("must be a finite number > 0, got -2.0",
        label.findElement(By.className("error")).getText());
    shot("invalid-field");
  }

  @Test
  @DisplayName("shift-drag zooms to the box drawn")
  void boxZoom() throws Exception {
    openPlane();
    WebElement canvas = driver.findElement(By.cssSelector("#plane canvas.tiles"));
    new Actions(driver).moveToElement(canvas, -100, -100).keyDown(org.openqa.selenium.Keys.SHIFT)
        .clickAndHold().moveByOffset(200, 100).release()
        .keyUp(org.openqa.selenium.Keys.SHIFT).perform();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> !d.getCurrentUrl().contains("view=0,1,0,1"));
    waitIdle();
    assertEquals("done", driver.findElement(By.id("progress")).getDomAttribute("data-state"),
        driver.findElement(By.id("progress-text")).getText());
    @SuppressWarnings("unchecked")
    Map<String, Object> w = (Map<String, Object>) js("return window.brink.state.plane.window");
    double width = ((Number) w.get("u1")).doubleValue() - ((Number) w.get("u0")).doubleValue();
    double height = ((Number) w.get("v1")).doubleValue() - ((Number) w.get("v0")).doubleValue();
    double plotWidth = ((Number) js("return window.brink.plane.viewport.width")).doubleValue();
    double plotHeight = ((Number) js("return window.brink.plane.viewport.height")).doubleValue();
    assertEquals(200 / plotWidth, width, 0.01, "box width in the plane");
    assertEquals(100 / plotHeight, height, 0.01, "box height in the plane");
  }

  @Test
  @DisplayName("the sweeps page starts a sweep, fills its heat map, and opens a cell's line")
  void sweepsPage() throws Exception {
    driver.get("about:blank");
    driver.get(base() + "#mode=sweeps");
    WebElement form = driver.findElement(By.cssSelector("#sweeps form"));
    WebElement grid1 = form.findElement(By.name("grid1"));
    grid1.clear();
    grid1.sendKeys("eps=0.05:0.2:2");
    WebElement grid2 = form.findElement(By.name("grid2"));
    grid2.clear();
    grid2.sendKeys("lambda=0.5:1:2");
    WebElement levels = form.findElement(By.name("levels"));
    levels.clear();
    levels.sendKeys("12");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> d.findElement(
        By.cssSelector("#sweeps .legend")).getText().startsWith("4 of 4 cells"));
    assertTrue(driver.getCurrentUrl().contains("sweep="), driver.getCurrentUrl());
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(
        By.cssSelector("#sweeps tbody tr")).getText().contains("done"));
    shot("sweeps");
    WebElement heat = driver.findElement(By.cssSelector("#sweeps canvas.heat"));
    int w = heat.getSize().getWidth();
    int h = heat.getSize().getHeight();
    // The top-right cell: eps 0.2 (row up), lambda 1 (column across).
    new Actions(driver).moveToElement(heat, w / 4, -h / 4).click().perform();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> d.getCurrentUrl().contains("mode=line"));
    String url = driver.getCurrentUrl();
    assertTrue(url.contains("eps=0.2") && url.contains("lambda=1") && url.contains("levels=12"),
        url);
    waitDone();
  }

  @Test
  @DisplayName("embed mode hides the controls and reconnects after a server restart")
  void embedReconnects() throws Exception {
    driver.get(base() + "?embed=1#" + PLANE);
    waitDone();
    assertFalse(driver.findElement(By.tagName("header")).isDisplayed());
    assertFalse(driver.findElement(By.id("panel")).isDisplayed());
    shot("embed");
    int port = fixture.port();
    expectedErrors.add("WebSocket connection to");
    fixture.close();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "reconnecting".equals(
        d.findElement(By.id("connection")).getDomAttribute("data-state")));
    fixture = new ServerFixture(8, port);
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "connected".equals(
        d.findElement(By.id("connection")).getDomAttribute("data-state")));
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(
        d -> fixture.server.tiles().computed() > 0);
    waitDone();
    assertTrue(fixture.server.tiles().computed() > 0, "the view ran again on the new server");
  }

}
