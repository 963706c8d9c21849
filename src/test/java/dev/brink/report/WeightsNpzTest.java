package dev.brink.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.network.NetworkArrays;
import dev.brink.network.NetworkData;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlca.npy.NpyDoubleArray;
import org.openlca.npy.Npz;

/** A network's arrays through .npz files: brink's own round trip, and files numpy wrote. */
class WeightsNpzTest {
  private static GdConfig.Builder small() {
    return GdConfig.builder(Family.MLP).inputs(3).hidden(4).points(7).steps(30);
  }

  private static PlaneResult plane(GdConfig.Builder b) {
    try (GdRunner runner = new GdRunner(2)) {
      return PlaneExperiment.run(PlaneSpec.of(b, Axis.parse("x", "eta0:0.1:1e4:log"),
          Axis.parse("y", "eta1:0.1:1e4:log"), 12, 10), runner, Cancellation.NONE);
    }
  }

  @Test
  void savedArraysLoadBackToTheSamePlane(@TempDir Path dir) {
    GdConfig seeded = small().seed(9L).batch(3).build();
    NetworkArrays drawn = NetworkData.draw(seeded.network(), 0).arrays();
    Path file = dir.resolve("w.npz");
    WeightsNpz.write(file, drawn);
    NetworkArrays read = WeightsNpz.read(file);
    assertArrayEquals(drawn.w0(), read.w0());
    assertArrayEquals(drawn.x(), read.x());
    // The seed still draws the minibatches, so a loaded network trains exactly as the drawn.
    PlaneResult a = plane(small().seed(9L).batch(3));
    PlaneResult b = plane(small().seed(9L).batch(3).inputs(null).arrays(read));
    assertEquals(a.labels().toBase64(), b.labels().toBase64());
    assertArrayEquals(a.speed(), b.speed());
  }

  @Test
  void filesNumpyWroteLoadTheirExactValues(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("numpy.npz");
    // X in Fortran order and Y as float32 (widened exactly), W1 as a column.
    String script = "import numpy as np\n"
        + "w0 = np.arange(12, dtype=np.float64).reshape(3, 4) / 7\n"
        + "w1 = (np.arange(4, dtype=np.float64) - 1.5).reshape(4, 1)\n"
        + "x = np.asfortranarray(np.arange(15, dtype=np.float64).reshape(5, 3) ** 0.5)\n"
        + "y = np.linspace(-1, 1, 5).astype(np.float32)\n"
        + "np.savez('" + file + "', W0=w0, W1=w1, X=x, Y=y)\n";
    Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
        "numpy wrote the file (bin/test installs python3-numpy): " + out);
    NetworkArrays a = WeightsNpz.read(file);
    assertEquals(3, a.inputs());
    assertEquals(4, a.hidden());
    assertEquals(5, a.points());
    assertEquals(11.0 / 7, a.w0()[11]);
    assertEquals(1.5, a.w1()[3]);
    assertEquals(Math.sqrt(5), a.x()[5], 0.0, "row 1, column 2 of X in C order");
    assertEquals((double) (float) -0.5, a.y()[1]);
  }

  @Test
  void badFilesAreRefusedByWhatIsWrong(@TempDir Path dir) {
    Path missing = dir.resolve("missing.npz");
    Npz.create(missing.toFile(), zip -> {
      Npz.write(zip, "W0.npy", NpyDoubleArray.rowOrderOf(new double[6], 2, 3));
      Npz.write(zip, "W1.npy", NpyDoubleArray.vectorOf(new double[3]));
      Npz.write(zip, "X.npy", NpyDoubleArray.rowOrderOf(new double[8], 4, 2));
    });
    assertTrue(message(missing).contains("has no array Y"), message(missing));
    Path shape = dir.resolve("shape.npz");
    Npz.create(shape.toFile(), zip -> {
      Npz.write(zip, "W0.npy", NpyDoubleArray.rowOrderOf(new double[6], 2, 3));
      Npz.write(zip, "W1.npy", NpyDoubleArray.vectorOf(new double[2]));
      Npz.write(zip, "X.npy", NpyDoubleArray.rowOrderOf(new double[8], 4, 2));
      Npz.write(zip, "Y.npy", NpyDoubleArray.vectorOf(new double[4]));
    });
    assertTrue(message(shape).contains("W1 has shape [2], expected (n,) or (n, 1), n = 3"),
        message(shape));
    assertTrue(message(dir.resolve("none.npz")).contains("no such file"));
    Path text = dir.resolve("text.npz");
    assertTrue(write(text, "not a zip") && message(text).contains("cannot read"),
        message(text));
    Path other = dir.resolve("other.npz");
    WeightsNpz.write(other, new NetworkArrays(2, 3, 4, new double[6], new double[3],
        new double[8], new double[4]));
    InvalidParameterException clash = assertThrows(InvalidParameterException.class,
        () -> small().arrays(WeightsNpz.read(other)).build());
    assertEquals("inputs", clash.field());
    assertTrue(clash.getMessage().contains("arrays give inputs 2, not 3"), clash.getMessage());
    assertEquals("weights", assertThrows(InvalidParameterException.class,
        () -> GdConfig.builder(Family.QUADRATIC).arrays(WeightsNpz.read(other)).build())
        .field());
  }

  private static String message(Path file) {
    return assertThrows(InvalidParameterException.class, () -> WeightsNpz.read(file))
        .getMessage();
  }

  private static boolean write(Path file, String text) {
    try {
      java.nio.file.Files.writeString(file, text);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
