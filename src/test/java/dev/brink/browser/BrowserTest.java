package dev.brink.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
      + "&x=eta:0.85:1.1&y=eps:0:0.3&view=0,1,0,1&cmap=paper";
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

  /** The share of the plot's device pixels still showing the empty background. */
  static double blankShare() {
    return ((Number) js("""
        const c = document.querySelector('#plane canvas.tiles');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let blank = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] === 0xf4 && d[i + 1] === 0xf1 && d[i + 2] === 0xea) blank++;
        }
        return blank / (d.length / 4);""")).doubleValue();
  }

  /** Fails on an error shown for the view, or a plot that is not covered. */
  static void assertCoveredWithoutError(String what) {
    WebElement bar = driver.findElement(By.id("progress"));
    assertTrue(!"error".equals(bar.getDomAttribute("data-state")),
        what + ": " + driver.findElement(By.id("progress-text")).getText());
    assertEquals(Boolean.TRUE, js("return window.brink.plane.image.covered()"),
        what + ": every pixel of the view painted");
    double blank = blankShare();
    assertTrue(blank < 0.002, what + ": " + blank + " of the plot blank");
  }

  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"1400, 900", "1920, 1080", "3840, 2160"})
  @DisplayName("at a laptop's, an HD and a 4K screen's size the default view covers the plot "
      + "before its finest level is done, at the canvas's own resolution, and zooms and pans "
      + "never show an error or a blank plot")
  void screenSizes(int width, int height) throws Exception {
    driver.manage().window().setSize(new Dimension(width, height));
    try {
      openPlane();
      long plotWidth = ((Number) js("return window.brink.plane.pixels.width")).longValue();
      long plotHeight = ((Number) js("return window.brink.plane.pixels.height")).longValue();
      @SuppressWarnings("unchecked")
      List<Number> finest = (List<Number>) js("const l = window.brink.plane.view.levels;"
          + " const f = l[l.length - 1]; return [f.columns[1] - f.columns[0] + 1,"
          + " f.rows[1] - f.rows[0] + 1];");
      // One point per device pixel, to the multiple of 16 of the grid's intervals.
      assertEquals(plotWidth, finest.get(0).doubleValue(), 9, "points across");
      assertEquals(plotHeight, finest.get(1).doubleValue(), 9, "points up");
      assertEquals(Boolean.TRUE, js("return window.brink.plane.progress.covered"),
          "the plot was covered when the coarse level ended");
      double coarse = ((Number) js("return window.brink.plane.progress.coarseSeconds"))
          .doubleValue();
      double total = ((Number) js("return window.brink.plane.progress.seconds")).doubleValue();
      assertTrue(coarse < 0.5 * total, "covered at " + coarse + " s of " + total + " s");
      assertCoveredWithoutError("the default view");
      shot("explorer-" + width + "x" + height);

      WebElement canvas = driver.findElement(By.cssSelector("#plane canvas.tiles"));
      new Actions(driver).doubleClick(canvas).perform();
      waitIdle();
      assertCoveredWithoutError("after a double-click");
      new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas, 40, 30),
          0, -300).perform();
      waitIdle();
      assertCoveredWithoutError("after the wheel");
      new Actions(driver).moveToElement(canvas, -60, -40).keyDown(Keys.SHIFT).clickAndHold()
          .moveByOffset(90, 50).release().keyUp(Keys.SHIFT).perform();
      waitIdle();
      assertCoveredWithoutError("after a box zoom");
      new Actions(driver).moveToElement(canvas, 0, 0).clickAndHold().moveByOffset(-150, 80)
          .release().perform();
      waitIdle();
      assertCoveredWithoutError("after a pan");
      shot("explorer-" + width + "x" + height + "-zoomed");
    } finally {
      driver.manage().window().setSize(new Dimension(1360, 900));
    }
  }

  @Test
  @DisplayName("200 pixels: the readout, the inspector's /api/trajectory and /api/plane give "
      + "the same class and divergence step bit for bit, and the colour its class")
  void readoutInspectorAndRestAgree() throws Exception {
    openPlane();
    @SuppressWarnings("unchecked")
    List<List<Number>> samples = (List<List<Number>>) js(SAMPLE_SCRIPT, 200);
    @SuppressWarnings("unchecked")
    Map<String, Object> grid = (Map<String, Object>) js("return window.brink.plane.view.grid");
    String plane = "family=additive&lambda=1&x0=5&steps=300&x=eta:0.85:1.1&y=eps:0:0.3"
        + "&width=" + grid.get("width") + "&height=" + grid.get("height");
    int uniform = 0;
    int divergent = 0;
    for (List<Number> s : samples) {
      long column = s.get(0).longValue();
      long row = s.get(1).longValue();
      double value = s.get(2).doubleValue();
      boolean pageDivergent = value > 0;
      int pageStep = pageDivergent ? (int) Math.ceil(value - 1) : 300;
      String at = "pixel " + column + "," + row;
      var trajectory = fixture.get("/api/trajectory?" + plane + "&column=" + column + "&row="
          + row).json();
      assertEquals(pageDivergent, trajectory.get("divergent").asBoolean(), at);
      assertEquals(pageStep, trajectory.get("diverge_step").asInt(), at);
      var pixel = fixture.get("/api/plane?" + plane + "&crop=" + column + ":" + column + ","
          + row + ":" + row).json();
      assertEquals(pageStep, pixel.get("diverge_step").get(0).asInt(), at);
      divergent += pageDivergent ? 1 : 0;
      if (s.get(3).intValue() == 1) {
        uniform++;
        boolean red = s.get(4).intValue() > s.get(5).intValue();
        assertEquals(pageDivergent, red, "painted colour class at " + at);
      }
    }
    assertTrue(divergent > 20 && divergent < 180, divergent + " of 200 divergent");
    assertTrue(uniform >= 50, uniform + " in uniform neighbourhoods");
  }

  /**
   * Samples canvas points of the finest level: [column, row, value, uniform 3x3
   * neighbourhood?, red, blue] with the colour read from the canvas at that point.
   */
  static final String SAMPLE_SCRIPT = """
      const n = arguments[0];
      const p = window.brink.plane, vp = p.viewport, g = p.view.grid, image = p.image;
      const ctx = document.querySelector('#plane canvas.tiles').getContext('2d');
      const dpr = window.devicePixelRatio || 1;
      const value = (c, r) => { const s = image.pointAt(c, r); return s ? s.value : 0; };
      let seed = 12345;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const out = [];
      while (out.length < n) {
        const sx = 2 + rand() * (vp.width - 4), sy = 2 + rand() * (vp.height - 4);
        const run = p.runAt({x: sx, y: sy});
        if (run.level !== p.view.levels.length - 1) continue;
        let uniform = 1;
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++)
          if ((value(run.column + dx, run.row + dy) > 0) !== (run.value > 0)) uniform = 0;
        const d = ctx.getImageData(Math.floor(sx * dpr), Math.floor(sy * dpr), 1, 1).data;
        out.push([run.column, run.row, run.value, uniform, d[0], d[2]]);
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
  @DisplayName("the line view's N_B and alpha are bin/brink line's, bit for bit, and the page "
      + "names the kernel")
  void lineViewAgreesWithTheLibrary() throws Exception {
    driver.get(base() + "#mode=line&family=additive&eps=0.2&lambda=0.1&levels=16&eta-min=0"
        + "&eta-max=1.5&cmap=paper");
    waitDone();
    double pageAlpha = Double.parseDouble(
        driver.findElement(By.id("alpha")).getDomAttribute("data-alpha"));
    @SuppressWarnings("unchecked")
    List<Number> pageNb = (List<Number>) js("return window.brink.line.nb");
    LineResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = LineExperiment.run(new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.2)
              .lambda(0.1).build(), 16, 0, 1.5), runner, Cancellation.NONE, LineListener.NONE);
    }
    assertTrue(expected.alpha().slope() > 0.5, "a fractal line: alpha " + expected.alpha());
    assertEquals(Arrays.stream(expected.nb()).boxed().collect(Collectors.toList()),
        pageNb.stream().map(Number::longValue).collect(Collectors.toList()), "N_B by level");
    assertEquals(expected.alpha().slope(), pageAlpha, 1e-12);
    assertTrue(driver.findElement(By.id("alpha")).getText().startsWith("α = "));
    assertTrue(driver.findElement(By.id("progress-text")).getText().contains(
        runnerKernel() + " kernel"), driver.findElement(By.id("progress-text"))
        .getText());
    driver.findElement(By.cssSelector("#line canvas.strip")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
        By.cssSelector("#inspector .charts canvas")).size() >= 3);
    assertTrue(driver.findElement(By.cssSelector("#inspector .title")).getText()
        .contains("η ="));
    shot("line");
  }

  @Test
  @DisplayName("the line strip has an eta axis with tick labels, and the wheel and a shift-drag "
      + "box zoom into nested sub-intervals (Fig. 1d), each a line of the same levels")
  void lineStripZooms() throws Exception {
    driver.get(base() + "#mode=line&family=additive&eps=0.2&lambda=0.1&levels=10&eta-min=0"
        + "&eta-max=1.5&cmap=paper");
    waitDone();
    WebElement strip = driver.findElement(By.cssSelector("#line canvas.strip"));
    // Ticks and labels: dark pixels in the band under the coloured strip.
    long dark = ((Number) js("""
        const c = document.querySelector('#line canvas.strip');
        const l = window.brink.line;
        const top = Math.round(l.stripH * l.dpr);
        const d = c.getContext('2d').getImageData(0, top, c.width, c.height - top).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100) n++;
        return n;""")).longValue();
    assertTrue(dark > 200, "tick marks and labels under the strip: " + dark + " dark pixels");
    double[] before = interval();
    new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(strip,
        -strip.getSize().getWidth() / 6, -10), 0, -400).perform();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> interval()[0] > before[0]);
    waitDone();
    double[] wheel = interval();
    assertTrue(wheel[0] > before[0] && wheel[1] < before[1], Arrays.toString(wheel));
    int w = strip.getSize().getWidth();
    new Actions(driver).moveToElement(strip, -w / 4, -20).keyDown(Keys.SHIFT).clickAndHold()
        .moveByOffset(w / 2, 0).release().keyUp(Keys.SHIFT).perform();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> interval()[0] > wheel[0]);
    waitDone();
    double[] box = interval();
    assertTrue(box[0] > wheel[0] && box[1] < wheel[1], Arrays.toString(box));
    // The box is the middle half of the interval shown, to a few pixels.
    double span = wheel[1] - wheel[0];
    assertEquals(wheel[0] + span / 4, box[0], span * 4 / w);
    assertEquals(wheel[0] + 3 * span / 4, box[1], span * 4 / w);
    assertEquals(11L, ((Number) js("return window.brink.line.nb.length")).longValue(),
        "levels 0..10 of the zoomed line");
    assertTrue(driver.getCurrentUrl().contains("levels=10"), driver.getCurrentUrl());
    shot("line-zoomed");
  }

  /** The kernel a runner of the tests' JVM uses, as the server's. */
  static String runnerKernel() {
    try (GdRunner runner = GdRunner.forAllCores()) {
      return runner.kernel();
    }
  }

  /** The line view's eta interval, from the page's state. */
  static double[] interval() {
    @SuppressWarnings("unchecked")
    Map<String, Object> line = (Map<String, Object>) js("return window.brink.state.line");
    return new double[] {Double.parseDouble(String.valueOf(line.get("etaMin"))),
        Double.parseDouble(String.valueOf(line.get("etaMax")))};
  }

  @Test
  @DisplayName("the PNG export is the figure as shown: the plot, its axes and its colour bar")
  void pngExportCarriesTheColourBar() throws Exception {
    openPlane();
    js("""
        window.exported = null;
        const real = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.exported = blob; return real.call(URL, blob); };""");
    driver.findElement(By.id("export-png")).click();
    // No size asked for: the figure as shown.
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
    driver.switchTo().alert().accept();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(
        d -> Boolean.TRUE.equals(js("return window.exported !== null")));
    @SuppressWarnings("unchecked")
    Map<String, Object> check = (Map<String, Object>) ((JavascriptExecutor) driver)
        .executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        createImageBitmap(window.exported).then((bitmap) => {
          const c = document.createElement('canvas');
          c.width = bitmap.width;
          c.height = bitmap.height;
          const ctx = c.getContext('2d');
          ctx.drawImage(bitmap, 0, 0);
          const overlay = document.querySelector('#plane canvas.overlay');
          const o = overlay.getContext('2d');
          const p = window.brink.plane;
          const dpr = window.devicePixelRatio || 1;
          // A column through the colour bar: right of the plot by 12 px, 6 px into the bar.
          const x = Math.round((p.margin.left + p.viewport.width + (12 + 6) * p.k) * dpr);
          let same = 0, colored = 0;
          for (let y = 0; y < overlay.height; y += 4) {
            const a = ctx.getImageData(x, y, 1, 1).data;
            const b = o.getImageData(x, y, 1, 1).data;
            if (b[3] === 255 && a[0] === b[0] && a[1] === b[1] && a[2] === b[2]) same++;
            if (a[0] !== a[1] || a[1] !== a[2]) colored++;
          }
          done({ width: bitmap.width, height: bitmap.height, overlayWidth: overlay.width,
            overlayHeight: overlay.height, same, colored });
        }).catch((e) => done({ error: String(e) }));""");
    assertEquals(null, check.get("error"), "the PNG decodes");
    assertEquals(((Number) check.get("overlayWidth")).longValue(),
        ((Number) check.get("width")).longValue(), check.toString());
    assertTrue(((Number) check.get("height")).longValue()
        > ((Number) check.get("overlayHeight")).longValue(), "a caption below: " + check);
    assertTrue(((Number) check.get("colored")).longValue() > 50, "the bar's colours: " + check);
    assertTrue(((Number) check.get("same")).longValue() > 50, "as on the page: " + check);
  }

  @Test
  @DisplayName("clicking a pixel opens its run: loss, x_t and the landscape cobweb")
  void inspector() throws Exception {
    openPlane();
    WebElement canvas = driver.findElement(By.cssSelector("#plane canvas.tiles"));
    new Actions(driver).moveToElement(canvas, 120, 60).perform();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> d.findElement(By.id("readout")).getText().startsWith("eta = "));
    String readout = driver.findElement(By.id("readout")).getText();
    assertTrue(readout.matches(
        "eta = [0-9.]+, eps = [0-9.]+: (divergent at step \\d+|bounded .*)"), readout);
    new Actions(driver).click().perform();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
        By.cssSelector("#inspector .charts canvas")).size() >= 3);
    String title = driver.findElement(By.cssSelector("#inspector .title")).getText();
    assertTrue(title.startsWith("additive, η = "), title);
    // The inspector shows the run the pixel shows: the same outcome, the same step.
    if (readout.contains("divergent at step ")) {
      String step = readout.substring(readout.indexOf("divergent at step "));
      assertTrue(title.contains(step), title + " / " + readout);
    } else {
      assertTrue(title.contains("bounded"), title + " / " + readout);
    }
    shot("inspector");
  }

  @Test
  @DisplayName("an mlp plane: the network's fields and axes only, a measure in the colour bar "
      + "and readout, and a pixel's training in the inspector")
  void networkPlane() throws Exception {
    driver.get("about:blank");
    driver.get(base() + "#mode=plane&family=mlp&inputs=4&hidden=6&points=12&steps=30"
        + "&x=eta0:0.01:100000:log&y=eta1:0.01:100000:log&view=0,1,0,1&cmap=spectral");
    waitDone();
    for (String unused : new String[] {"eps", "lambda", "dim", "x0", "bound"}) {
      assertFalse(driver.findElement(By.cssSelector("#panel [data-field=" + unused + "]"))
          .isDisplayed(), unused + " is not a parameter of the network");
    }
    assertTrue(driver.findElement(By.cssSelector("#panel [data-field=hidden]")).isDisplayed());
    List<String> axes = driver.findElements(By.cssSelector("#panel select[name=x-axis] option"))
        .stream().map(o -> o.getDomProperty("value")).toList();
    assertEquals(List.of("eta0", "eta1", "eta", "offset"), axes);
    String legend = String.valueOf(js("return window.brink.plane.map().legend.map("
        + "(s) => s.title).join('|')"));
    assertEquals("not trainable: Σ 1/v|trainable: Σ v", legend);
    WebElement canvas = driver.findElement(By.cssSelector("#plane canvas.tiles"));
    new Actions(driver).moveToElement(canvas, 40, 40).perform();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> d.findElement(By.id("readout")).getText().startsWith("eta0 = "));
    String readout = driver.findElement(By.id("readout")).getText();
    assertTrue(readout.matches("eta0 = [0-9.e+-]+, eta1 = [0-9.e+-]+: (not )?trainable .*"),
        readout);
    new Actions(driver).click().perform();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
        By.cssSelector("#inspector .charts canvas")).size() >= 2);
    String title = driver.findElement(By.cssSelector("#inspector .title")).getText();
    assertTrue(title.startsWith("mlp (tanh), η₀ = "), title);
    assertEquals(readout.contains("not trainable"), title.contains("not trainable"),
        title + " / " + readout);
    shot("network");
  }

  @Test
  @DisplayName("the heavy-ball preset: the optimizer's field and axis in the form, a plane that"
      + " fills in, the velocity in the inspector; Adam's fields replace beta")
  void momentumPlane() throws Exception {
    driver.get("about:blank");
    driver.get(base() + "#mode=plane&family=additive&eps=0.2&lambda=0.1&optimizer=momentum"
        + "&steps=200&x=eta:0:2&y=beta:0:0.95&view=0,1,0,1&cmap=paper");
    waitDone();
    assertEquals("momentum", driver.findElement(By.cssSelector("#panel select[name=optimizer]"))
        .getDomProperty("value"));
    WebElement beta = driver.findElement(By.cssSelector("#panel input[name=beta]"));
    assertTrue(beta.isDisplayed());
    assertTrue(!beta.isEnabled(), "beta is on the y axis: no fixed value");
    assertFalse(driver.findElement(By.cssSelector("#panel [data-field=beta1]")).isDisplayed());
    List<String> axes = driver.findElements(By.cssSelector("#panel select[name=y-axis] option"))
        .stream().map(o -> o.getDomProperty("value")).toList();
    assertTrue(axes.contains("beta") && !axes.contains("beta1"), axes.toString());
    WebElement canvas = driver.findElement(By.cssSelector("#plane canvas.tiles"));
    new Actions(driver).moveToElement(canvas, 30, -30).perform();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> d.findElement(By.id("readout")).getText().startsWith("eta = "));
    String readout = driver.findElement(By.id("readout")).getText();
    assertTrue(readout.contains("beta = "), readout);
    new Actions(driver).click().perform();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(
        By.cssSelector("#inspector .charts canvas")).size() >= 3);
    String title = driver.findElement(By.cssSelector("#inspector .title")).getText();
    assertTrue(title.startsWith("additive with momentum, β = "), title);
    String charts = String.valueOf(js("return [...document.querySelectorAll("
        + "'#inspector .u-title')].map((t) => t.textContent).join('|')"));
    assertTrue(charts.contains("velocity v_t"), charts);
    shot("momentum");
    new org.openqa.selenium.support.ui.Select(driver.findElement(
        By.cssSelector("#panel select[name=optimizer]"))).selectByVisibleText("adam");
    assertTrue(driver.findElement(By.cssSelector("#panel input[name=beta1]")).isDisplayed());
    assertFalse(driver.findElement(By.cssSelector("#panel [data-field=beta]")).isDisplayed());
    List<String> adamAxes = driver.findElements(
        By.cssSelector("#panel select[name=y-axis] option")).stream()
        .map(o -> o.getDomProperty("value")).toList();
    assertTrue(adamAxes.contains("beta2") && !adamAxes.contains("beta"), adamAxes.toString());
  }

  @Test
  @DisplayName("the momentum-sweep preset opens the sweeps tab with its form filled in")
  void momentumSweepPreset() throws Exception {
    driver.get("about:blank");
    driver.get(base());
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
        By.cssSelector("#preset option[value=momentumSweep]")).size() == 1);
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("preset")))
        .selectByValue("momentumSweep");
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(
        d -> "sweeps".equals(d.findElement(By.tagName("body")).getDomAttribute("data-mode")));
    assertEquals("x0=5 optimizer=momentum beta=0.9 eta-max=2.85", driver.findElement(
        By.cssSelector("#sweeps input[name=fixed]")).getDomProperty("value"));
    assertEquals("eps=0.01:0.2:10", driver.findElement(
        By.cssSelector("#sweeps input[name=grid1]")).getDomProperty("value"));
  }

  @Test
  @DisplayName("Record zoom: the server records a zoom into the view's centre and the page links"
      + " the finished video and its dimensions")
  void recordZoom() throws Exception {
    openPlane();
    driver.findElement(By.id("record-zoom")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
    org.openqa.selenium.Alert prompt = driver.switchTo().alert();
    prompt.sendKeys("0.5");
    prompt.accept();
    WebElement status = driver.findElement(By.id("zoom-status"));
    new WebDriverWait(driver, Duration.ofSeconds(120)).until(
        d -> "done".equals(status.getDomAttribute("data-state")));
    List<String> links = status.findElements(By.tagName("a")).stream()
        .map(a -> a.getDomAttribute("href")).toList();
    assertEquals(2, links.size(), status.getText());
    assertTrue(links.get(0).matches("/api/zooms/[0-9]+/video"), links.toString());
    assertTrue(status.getText().contains("(5 frames"), status.getText());
    shot("record-zoom");
  }

  @Test
  @DisplayName("the plane's data export: float32 values of the finest level, all painted when"
      + " done, with a header saying their shape and meaning (the .npz itself: npz.test.mjs)")
  void dataExport() throws Exception {
    openPlane();
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) js("const d = window.brink.plane.exportData();"
        + " return {shape: d.header.values.shape, n: d.values.length,"
        + " nan: d.values.filter((v) => Number.isNaN(v)).length,"
        + " type: d.values.constructor.name, width: d.header.width, height: d.header.height,"
        + " meaning: d.header.values.meaning};");
    long width = ((Number) d.get("width")).longValue();
    long height = ((Number) d.get("height")).longValue();
    assertEquals(List.of(height, width), ((List<?>) d.get("shape")).stream()
        .map(v -> ((Number) v).longValue()).toList());
    assertEquals(width * height, ((Number) d.get("n")).longValue());
    assertEquals(0L, ((Number) d.get("nan")).longValue(), "every point painted once done");
    assertEquals("Float32Array", d.get("type"));
    assertTrue(String.valueOf(d.get("meaning")).startsWith("> 0 divergent"), d.toString());
  }

  @Test
  @DisplayName("PNG at a chosen size: the server draws the window shown; a bad size is named")
  void figureAtSize() throws Exception {
    openPlane();
    js("window.exported = null; const real = URL.createObjectURL;"
        + " URL.createObjectURL = (blob) => { window.exported = blob;"
        + " return real.call(URL, blob); };");
    for (String[] c : new String[][] {{"big", "figure not made: size: expected W x H"},
        {"4000 x 4000", "figure not made: size: at most 1048576 points"}, {"240 x 160", ""}}) {
      driver.findElement(By.id("export-png")).click();
      new WebDriverWait(driver, Duration.ofSeconds(10))
          .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
      org.openqa.selenium.Alert prompt = driver.switchTo().alert();
      prompt.sendKeys(c[0]);
      prompt.accept();
      WebElement note = driver.findElement(By.id("export-status"));
      if (c[1].isEmpty()) {
        // The figure came back and was downloaded: no note, and the server drew one.
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(
            d -> Boolean.TRUE.equals(js("return window.exported !== null")));
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) ((JavascriptExecutor) driver)
            .executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " createImageBitmap(window.exported).then((b) => done({w: b.width,"
                + " h: b.height, type: window.exported.type}));");
        // 240 x 160 points inside the figure's margins (PlaneFigure: 88 + 205, 24 + 110).
        assertEquals(240L + 88 + 205, ((Number) size.get("w")).longValue(), size.toString());
        assertEquals(160L + 24 + 110, ((Number) size.get("h")).longValue(), size.toString());
        assertEquals("image/png", size.get("type"));
        assertEquals("", note.getText());
      } else {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(() -> c[0] + ": note '"
            + note.getText() + "'").until(d -> note.getText().startsWith(c[1]));
      }
    }
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
  @DisplayName("the Reproduce page lists a finished reproduction with its comparisons and report "
      + "(which opens with its figures), starts one, refuses a second, and cancels")
  void reproducePage() throws Exception {
    ServerFixture.Response made = fixture.post("/api/reproductions",
        "{\"profile\":\"smoke\",\"only\":[\"S2\",\"S1\"]}");
    assertEquals(202, made.status(), made.json().toString());
    long id = made.json().get("id").asLong();
    assertTrue(ServerFixture.eventually(60_000, () -> {
      try {
        return fixture.get("/api/reproductions/" + id).json().get("state").asText()
            .equals("done");
      } catch (Exception e) {
        return false;
      }
    }), "the reproduction finished");
    driver.get("about:blank");
    driver.get(base() + "#mode=reproduce");
    By row = By.cssSelector("#reproduce tbody tr[data-id='" + id + "']");
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(row).getText()
        .contains("4 of 4 within tolerance"));
    assertTrue(driver.findElement(row).getText().contains("done"));
    String report = driver.findElement(row).findElement(By.tagName("a")).getDomAttribute("href");
    assertEquals("/api/reproductions/" + id + "/report/index.html", report);
    driver.findElement(row).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
        By.cssSelector("#reproduce ol li")).size() == 2);
    new org.openqa.selenium.support.ui.Select(driver.findElement(
        By.cssSelector("#reproduce select[name=profile]"))).selectByValue("smoke");
    WebElement start = driver.findElement(By.cssSelector("#reproduce button[type=submit]"));
    start.click();
    // Its row by id: the state cell reads "running" and then the time left too, and the table
    // is redrawn as it polls, so elements are found afresh for each look.
    By running = By.cssSelector("#reproduce tbody tr[data-id='" + (id + 1) + "']");
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(running)
        .isEmpty() && d.findElement(running).getText().contains("running"));
    expectedErrors.add("409");
    start.click();
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(
        By.cssSelector("#reproduce .error")).getText().contains("one at a time"));
    shot("reproduce");
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
          d.findElement(running).findElement(By.tagName("button")).click();
          return true;
        });
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(running).getText().contains("cancelled"));
    driver.get(base() + report.substring(1));
    assertTrue(driver.getTitle().startsWith("brink: paper A reproduced"), driver.getTitle());
    List<WebElement> images = driver.findElements(By.tagName("img"));
    assertEquals(2, images.size());
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> images.stream().allMatch(
        img -> ((Number) js("return arguments[0].naturalWidth", img)).intValue() >= 600));
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
    // The top-right cell: eps 0.2 (row 1), lambda 1 (column 1), index 3.
    @SuppressWarnings("unchecked")
    Map<String, Number> c = (Map<String, Number>) js(
        "return window.brink.sweeps.cellCenter(3)");
    new Actions(driver).moveToElement(heat, c.get("x").intValue() - w / 2,
        c.get("y").intValue() - h / 2).click().perform();
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
    // No text over the axes: the progress line is below the figure.
    @SuppressWarnings("unchecked")
    Map<String, Number> layout = (Map<String, Number>) js("""
        return { figure: document.getElementById('plane').getBoundingClientRect().bottom,
          progress: document.getElementById('progress').getBoundingClientRect().top };""");
    assertTrue(layout.get("progress").doubleValue() >= layout.get("figure").doubleValue() - 0.5,
        layout.toString());
    int port = fixture.port();
    expectedErrors.add("WebSocket connection to");
    fixture.close();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "reconnecting".equals(
        d.findElement(By.id("connection")).getDomAttribute("data-state")));
    WebElement unreachable = driver.findElement(By.id("unreachable"));
    assertTrue(unreachable.isDisplayed(), "the page says the server is unreachable");
    assertTrue(unreachable.getText().contains("unreachable"), unreachable.getText());
    shot("embed-unreachable");
    fixture = new ServerFixture(8, port);
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "connected".equals(
        d.findElement(By.id("connection")).getDomAttribute("data-state")));
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(
        d -> fixture.server.tiles().computed() > 0);
    waitDone();
    assertTrue(fixture.server.tiles().computed() > 0, "the view ran again on the new server");
    assertFalse(unreachable.isDisplayed(), "reconnected: no longer unreachable");
  }

}
