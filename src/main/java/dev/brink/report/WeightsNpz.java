package dev.brink.report;

import dev.brink.network.NetworkArrays;
import dev.brink.params.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.openlca.npy.NpyArray;
import org.openlca.npy.NpyDoubleArray;
import org.openlca.npy.Npz;

/**
 * A network's arrays as a NumPy .npz file (numpy.savez's layout: one .npy per array): W0 of
 * shape (d, n), W1 (n) or (n, 1), X (P, d), Y (P) or (P, 1), float64 or float32 (widened
 * exactly), C or Fortran order. Read with org.openlca:npy (pure Java, no dependencies): a file
 * exported by JAX or numpy loads the exact arrays.
 */
public final class WeightsNpz {
  private static final String[] NAMES = {"W0", "W1", "X", "Y"};

  private WeightsNpz() {
  }

  public static NetworkArrays read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidParameterException("weights", "no such file: " + file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<String> entries = Npz.entries(zip);
      double[][] data = new double[4][];
      int[][] shapes = new int[4][];
      for (int k = 0; k < 4; k++) {
        String entry = NAMES[k] + ".npy";
        if (!entries.contains(entry)) {
          throw new InvalidParameterException("weights", file + " has no array " + NAMES[k]
              + " (it has " + String.join(", ", entries).replace(".npy", "")
              + "; brink needs W0, W1, X and Y)");
        }
        NpyArray<?> a = Npz.read(zip, entry);
        if (!a.isDoubleArray() && !a.isFloatArray()) {
          throw new InvalidParameterException("weights", NAMES[k] + " in " + file + " is "
              + a.dataType() + ", not float64 or float32");
        }
        shapes[k] = a.shape();
        data[k] = rowMajor(a.asDoubleArray());
      }
      int[] w0 = matrix(shapes[0], "W0", "(d, n)");
      int n = w0[1];
      vector(shapes[1], "W1", n, "(n,) or (n, 1), n = " + n + " from W0");
      int[] x = matrix(shapes[2], "X", "(P, d)");
      if (x[1] != w0[0]) {
        throw new InvalidParameterException("weights", "X has " + x[1] + " columns, W0 "
            + w0[0] + " rows: both are the input dimension d");
      }
      vector(shapes[3], "Y", x[0], "(P,) or (P, 1), P = " + x[0] + " from X");
      return new NetworkArrays(w0[0], n, x[0], data[0], data[1], data[2], data[3]);
    } catch (InvalidParameterException e) {
      throw e;
    } catch (Exception e) {
      throw new InvalidParameterException("weights", "cannot read " + file + " as .npz: "
          + e.getMessage());
    }
  }

  /** Writes the arrays as float64, C order, under numpy.savez's entry names. */
  public static void write(Path file, NetworkArrays a) {
    Npz.create(file.toFile(), zip -> {
      Npz.write(zip, "W0.npy", NpyDoubleArray.rowOrderOf(a.w0(), a.inputs(), a.hidden()));
      Npz.write(zip, "W1.npy", NpyDoubleArray.vectorOf(a.w1()));
      Npz.write(zip, "X.npy", NpyDoubleArray.rowOrderOf(a.x(), a.points(), a.inputs()));
      Npz.write(zip, "Y.npy", NpyDoubleArray.vectorOf(a.y()));
    });
  }

  private static double[] rowMajor(NpyDoubleArray a) {
    int[] s = a.shape();
    double[] d = a.data();
    if (!a.hasColumnOrder() || s.length != 2) {
      return d;
    }
    double[] out = new double[d.length];
    for (int i = 0; i < s[0]; i++) {
      for (int j = 0; j < s[1]; j++) {
        out[i * s[1] + j] = d[j * s[0] + i];
      }
    }
    return out;
  }

  private static int[] matrix(int[] shape, String name, String expected) {
    if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
      throw new InvalidParameterException("weights", name + " has shape "
          + java.util.Arrays.toString(shape) + ", expected " + expected);
    }
    return shape;
  }

  private static void vector(int[] shape, String name, int length, String expected) {
    boolean ok = (shape.length == 1 && shape[0] == length)
        || (shape.length == 2 && shape[0] == length && shape[1] == 1);
    if (!ok) {
      throw new InvalidParameterException("weights", name + " has shape "
          + java.util.Arrays.toString(shape) + ", expected " + expected);
    }
  }
}
