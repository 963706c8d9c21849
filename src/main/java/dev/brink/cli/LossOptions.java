package dev.brink.cli;

import dev.brink.landscape.Family;
import dev.brink.network.NetworkData;
import dev.brink.network.NetworkSpec;
import dev.brink.report.WeightsNpz;
import java.nio.file.Path;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import dev.brink.request.Requests;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options every GD command shares: the loss, the start and the run length. */
final class LossOptions {
  @Option(names = "--family", required = true, paramLabel = "F",
      description = "Loss family: quadratic, additive, multiplicative, twocos, or mlp (a"
          + " one-hidden-layer network).")
  String family;

  @Option(names = "--eps", paramLabel = "E",
      description = "Amplitude of the cosine (additive, multiplicative, twocos), >= 0.")
  Double eps;

  @Option(names = "--lambda", paramLabel = "L",
      description = "Wavelength of the cosine, > 0; k = 2 pi / lambda.")
  Double lambda;

  @Option(names = "--eps2", paramLabel = "E2",
      description = "Amplitude of the second cosine (twocos only), >= 0.")
  Double eps2;

  @Option(names = "--lambda2", paramLabel = "L2",
      description = "Wavelength of the second cosine (twocos only), > 0.")
  Double lambda2;

  @Option(names = "--dim", paramLabel = "n",
      description = "Number of coordinates, 1 to " + GdConfig.MAX_DIM + " (default 1).")
  Integer dim;

  @Option(names = "--x0", paramLabel = "X",
      description = "Start value of every coordinate (default 1).")
  Double x0;

  @Option(names = "--steps", paramLabel = "T",
      description = "GD steps per run, 1 to " + GdConfig.MAX_STEPS + " (default 1000; mlp: 1 to "
          + NetworkSpec.MAX_STEPS + ", default 100).")
  Integer steps;

  @Option(names = "--bound", paramLabel = "B",
      description = "Divergent when the loss exceeds B * n, > 0 (default 1e8).")
  Double bound;

  @Option(names = "--inputs", paramLabel = "d",
      description = "mlp: input dimension, 1 to " + NetworkSpec.MAX_WIDTH + " (default 16).")
  Integer inputs;

  @Option(names = "--hidden", paramLabel = "n",
      description = "mlp: hidden units, 1 to " + NetworkSpec.MAX_WIDTH + " (default 16).")
  Integer hidden;

  @Option(names = "--points", paramLabel = "P",
      description = "mlp: data points (default d n + n, the parameter count).")
  Integer points;

  @Option(names = "--activation", paramLabel = "A",
      description = "mlp: tanh (default), relu or identity.")
  String activation;

  @Option(names = "--seed", paramLabel = "S",
      description = "mlp: seed of the data and initial weights, 0 to 2^53 (default 0).")
  Long seed;

  @Option(names = "--batch", paramLabel = "B",
      description = "mlp: minibatch of B points per step, drawn with replacement (default:"
          + " full batch).")
  Integer batch;

  @Option(names = "--offset", paramLabel = "C",
      description = "mlp: added to W0 before every step's gradient (default 0).")
  Double offset;

  @Option(names = "--optimizer", paramLabel = "O",
      description = "gd (default), momentum (heavy ball), nesterov or adam.")
  String optimizer;

  @Option(names = "--beta", paramLabel = "BETA",
      description = "momentum, nesterov: v <- beta v + g, -1 < beta < 1 (default 0.9).")
  Double beta;

  @Option(names = "--beta1", paramLabel = "B1",
      description = "adam: first-moment decay, 0 <= beta1 < 1 (default 0.9).")
  Double beta1;

  @Option(names = "--beta2", paramLabel = "B2",
      description = "adam: second-moment decay, 0 <= beta2 < 1 (default 0.999).")
  Double beta2;

  @Option(names = "--adam-eps", paramLabel = "E",
      description = "adam: added to the root of the second moment, > 0 (default 1e-8).")
  Double adamEps;

  @Option(names = "--weights", paramLabel = "FILE.npz",
      description = "mlp: initial weights and data from a NumPy .npz (arrays W0 (d, n), W1 (n),"
          + " X (P, d), Y (P)) instead of the seed, which still draws the minibatches.")
  Path weights;

  @Option(names = "--save-weights", paramLabel = "FILE.npz",
      description = "mlp: write the run's initial W0, W1, X and Y as a NumPy .npz (float64).")
  Path saveWeights;

  /** Writes the network's initial arrays where --save-weights asks. */
  void saveWeights(GdConfig config) {
    if (saveWeights == null) {
      return;
    }
    if (config.network() == null) {
      throw new InvalidParameterException("save-weights", "only for family mlp");
    }
    RunOptions.checkFolder("save-weights", saveWeights);
    WeightsNpz.write(saveWeights, NetworkData.draw(config.network(), 0).arrays());
  }

  GdConfig.Builder builder() {
    Family f = Family.byId(family.trim().toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new InvalidParameterException("family",
          "unknown family '" + family + "', allowed: " + Family.allowedIds());
    }
    return GdConfig.builder(f).eps(eps).lambda(lambda).eps2(eps2).lambda2(lambda2).dim(dim)
        .x0(x0).steps(steps).bound(bound).inputs(inputs).hidden(hidden).points(points)
        .activation(Requests.activation(activation)).seed(seed).batch(batch).offset(offset)
        .arrays(weights == null ? null : WeightsNpz.read(weights))
        .optimizer(Requests.optimizer(optimizer)).beta(beta).beta1(beta1).beta2(beta2)
        .adamEps(adamEps);
  }
}
