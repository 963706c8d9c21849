package dev.brink.server.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.GdRunner;
import dev.brink.metrics.BrinkMeters;
import dev.brink.report.ReproduceReport;
import dev.brink.reproduce.Experiment;
import dev.brink.reproduce.Experiments;
import dev.brink.reproduce.Outcome;
import dev.brink.reproduce.Profile;
import dev.brink.server.compute.BackgroundThread;
import dev.brink.server.compute.OrderedWork;
import dev.brink.server.protocol.RefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reproductions of paper A started from the page (docs/protocol.md, Reproductions): one at a
 * time, on one background thread of its own, whose lines' chunks go to the compute pool at
 * background priority (live views first) and to the cluster's worker nodes, each into the
 * data folder's reproductions/ID/ folder, whose report is rewritten after every experiment and
 * whose lines are checkpointed in ID/checkpoints every 30 s. The reports stay on disk and are
 * listed again after a restart; one a stop of the server interrupted goes on by itself after
 * the restart, from its checkpoints (a finished line is not computed again).
 */
public final class ReproductionService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReproductionService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Reports kept on disk; the oldest finished ones beyond go. */
  static final int KEPT = 20;
  /** The files a report has: index.html, report.json and its figures. */
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-]+\\.(html|json|png)");
  /** What was asked for ({"profile", "only"}), to go on with after a restart. */
  private static final String REQUEST = "request.json";
  /** How it ended (done, cancelled, failed); absent while it runs or when a stop cut it off. */
  private static final String ENDED = "ended";
  private final AtomicBoolean closing = new AtomicBoolean();

  private final Path folder;
  private final BackgroundThread thread = new BackgroundThread("brink-reproduce");
  private final Map<Long, Reproduction> all = new TreeMap<>();
  private final String machine;
  private final PoolLines lines;

  /** One reproduction's state; read from any thread. */
  private static final class Reproduction {
    final long id;
    final Profile profile;
    final int total;
    final List<ObjectNode> results = new ArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile String state;
    volatile String current;
    volatile String error;
    volatile int passed;
    volatile int comparisons;
    /** GD steps at most of all its experiments and of those done, and their seconds. */
    volatile long work;
    volatile long workDone;
    volatile double seconds;

    Reproduction(long id, Profile profile, int total, String state) {
      this.id = id;
      this.profile = profile;
      this.total = total;
      this.state = state;
    }
  }

  public ReproductionService(Path dataDir, OrderedWork work, BrinkMeters meters)
      throws IOException {
    this.folder = dataDir.resolve("reproductions");
    this.lines = new PoolLines(work, meters);
    this.machine = "the server's compute pool (" + work.threads() + " threads, "
        + GdRunner.ON_CALLER.kernel() + " kernel, Java " + Runtime.version().feature()
        + ") and its cluster's worker nodes";
    if (Files.isDirectory(folder)) {
      try (var dirs = Files.newDirectoryStream(folder)) {
        for (Path d : dirs) {
          load(d);
        }
      }
    }
    meters.gauge("brink.reproduce.running", "Reproductions of the paper running (0 or 1)",
        () -> running() == null ? 0 : 1);
    meters.gauge("brink.reproduce.experiments.done",
        "Experiments the running (or last) reproduction has finished", () -> last(r ->
            r.results.size()));
    meters.gauge("brink.reproduce.experiments",
        "Experiments of the running (or last) reproduction", () -> last(r -> r.total));
    meters.gauge("brink.reproduce.comparisons.passed",
        "Comparisons with the paper within tolerance, running (or last) reproduction",
        () -> last(r -> r.passed));
    meters.gauge("brink.reproduce.comparisons.failed",
        "Comparisons with the paper outside tolerance, running (or last) reproduction",
        () -> last(r -> r.comparisons - r.passed));
  }

  private synchronized int last(java.util.function.ToIntFunction<Reproduction> f) {
    Reproduction r = all.isEmpty() ? null : ((TreeMap<Long, Reproduction>) all).lastEntry()
        .getValue();
    return r == null ? 0 : f.applyAsInt(r);
  }

  /**
   * A report left by an earlier run of the server; one whose run a stop cut off goes on, when
   * its request was kept and no other is running.
   */
  private void load(Path dir) {
    Path json = dir.resolve("report.json");
    String name = dir.getFileName().toString();
    if (!name.matches("[0-9]{1,18}") || !Files.isRegularFile(json)) {
      return;
    }
    try {
      JsonNode report = JSON.readTree(json.toFile());
      long id = Long.parseLong(name);
      String state = report.path("complete").asBoolean() ? "done" : "stopped";
      if (Files.isRegularFile(dir.resolve(ENDED))) {
        state = Files.readString(dir.resolve(ENDED)).trim();
      }
      Profile profile = Profile.parse(report.path("profile").asText());
      List<Experiment> resumed = null;
      if (state.equals("stopped") && Files.isRegularFile(dir.resolve(REQUEST))
          && running() == null) {
        JsonNode request = JSON.readTree(dir.resolve(REQUEST).toFile());
        profile = Profile.parse(request.path("profile").asText());
        resumed = chosen(request.get("only"));
        state = "running";
      }
      Reproduction r = new Reproduction(id, profile, report.path("experiments").asInt(),
          state);
      if (resumed == null) {
        for (JsonNode e : report.path("results")) {
          r.results.add(summary(e));
          count(r, e);
        }
      } else {
        start(r, resumed, dir);
        LOG.info("reproduction {} ({}) goes on from its checkpoints", id, profile.id());
      }
      all.put(id, r);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read the reproduction report {}: {}", json, e.getMessage());
    }
  }

  /** Runs it on the background thread, its GD steps at most counted for the time left. */
  private void start(Reproduction r, List<Experiment> experiments, Path dir) {
    r.work = experiments.stream().mapToLong(e -> e.work(r.profile)).sum();
    thread.execute(() -> run(r, experiments, dir));
  }

  private static void count(Reproduction r, JsonNode e) {
    for (JsonNode c : e.path("comparisons")) {
      r.comparisons++;
      r.passed += c.path("pass").asBoolean() ? 1 : 0;
    }
  }

  /**
   * Starts one from a request body {"profile": "quick", "only": ["2a", "2c-3a"]} (the quick
   * profile and every experiment unless said); 409 while one runs.
   */
  public synchronized ObjectNode create(JsonNode body) throws IOException {
    Reproduction busy = running();
    if (busy != null) {
      throw RefusedException.conflict("reproduction", "reproduction " + busy.id + " is running;"
          + " one at a time: wait for it or cancel it (POST /api/reproductions/" + busy.id
          + "/cancel)");
    }
    JsonNode p = body.get("profile");
    if (p != null && !p.isTextual()) {
      throw RefusedException.badMessage("profile", "must be a string: quick, paper or smoke");
    }
    Profile profile;
    try {
      profile = Profile.parse(p == null ? "quick" : p.asText());
    } catch (RuntimeException e) {
      throw RefusedException.badMessage("profile", e.getMessage().replaceFirst("^profile: ",
          ""));
    }
    List<Experiment> experiments = chosen(body.get("only"));
    long id = all.isEmpty() ? 1 : ((TreeMap<Long, Reproduction>) all).lastKey() + 1;
    Path dir = folder.resolve(Long.toString(id));
    Files.createDirectories(dir);
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("profile", profile.id());
    experiments.forEach(e -> request.withArray("only").add(e.id()));
    Files.writeString(dir.resolve(REQUEST), request.toString());
    Reproduction r = new Reproduction(id, profile, experiments.size(), "running");
    all.put(id, r);
    forgetOld();
    start(r, experiments, dir);
    return status(r);
  }

  /** The experiments named by "only", in its order; every one when it is absent. */
  private static List<Experiment> chosen(JsonNode only) {
    List<Experiment> all = Experiments.all();
    if (only == null || only.isNull()) {
      return all;
    }
    List<String> known = all.stream().map(Experiment::id).toList();
    if (!only.isArray() || only.isEmpty()) {
      throw RefusedException.badMessage("only", "must be a non-empty array of experiment ids: "
          + String.join(", ", known));
    }
    List<Experiment> out = new ArrayList<>();
    for (JsonNode id : only) {
      int k = known.indexOf(id.asText());
      if (!id.isTextual() || k < 0) {
        throw RefusedException.badMessage("only", "no experiment " + id + "; known: "
            + String.join(", ", known));
      }
      out.add(all.get(k));
    }
    return out;
  }

  private void run(Reproduction r, List<Experiment> experiments, Path dir) {
    List<Outcome> outcomes = new ArrayList<>();
    try {
      ReproduceReport.write(r.profile, outcomes, r.total, machine, dir);
      for (Experiment e : experiments) {
        r.current = e.title();
        Outcome o = e.run(r.profile, lines, r.cancelled::get, dir.resolve("checkpoints"));
        outcomes.add(o);
        ReproduceReport.figures(o, dir);
        ReproduceReport.write(r.profile, outcomes, r.total, machine, dir);
        JsonNode written = JSON.valueToTree(ReproduceReport.result(o));
        synchronized (this) {
          r.results.add(summary(written));
          count(r, written);
          r.workDone += e.work(r.profile);
          r.seconds += o.seconds();
        }
      }
      r.state = "done";
    } catch (CancellationException e) {
      r.state = closing.get() ? "stopped" : "cancelled";
    } catch (IOException | RuntimeException e) {
      if (r.cancelled.get()) {
        r.state = closing.get() ? "stopped" : "cancelled";
      } else {
        LOG.error("reproduction {} failed", r.id, e);
        r.error = String.valueOf(e.getMessage());
        r.state = "failed";
      }
    }
    r.current = null;
    if (!r.state.equals("stopped")) {
      // Ended for good: its checkpoints go, and a restart lists it as it ended.
      delete(dir.resolve("checkpoints"));
      try {
        Files.writeString(dir.resolve(ENDED), r.state);
      } catch (IOException e) {
        LOG.warn("cannot write {}: {}", dir.resolve(ENDED), e.getMessage());
      }
    }
    LOG.info("reproduction {} ({}): {} after {} of {} experiments, {} of {} comparisons within "
        + "tolerance", r.id, r.profile.id(), r.state, r.results.size(), r.total, r.passed,
        r.comparisons);
  }

  private static ObjectNode summary(JsonNode e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", e.path("id").asText());
    o.put("title", e.path("title").asText());
    int pass = 0;
    for (JsonNode c : e.path("comparisons")) {
      pass += c.path("pass").asBoolean() ? 1 : 0;
    }
    o.put("comparisons", e.path("comparisons").size());
    o.put("passed", pass);
    o.put("seconds", e.path("seconds").asDouble());
    return o;
  }

  private Reproduction running() {
    for (Reproduction r : all.values()) {
      if (r.state.equals("running")) {
        return r;
      }
    }
    return null;
  }

  public synchronized ObjectNode show(long id) {
    Reproduction r = all.get(id);
    return r == null ? null : status(r);
  }

  /** Every reproduction kept, newest first. */
  public synchronized ObjectNode list() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode a = o.putArray("reproductions");
    for (Reproduction r : all.values()) {
      a.insert(0, status(r));
    }
    return o;
  }

  /** Asks a running reproduction to stop (between chunks of GD); false when there is none. */
  public synchronized boolean cancel(long id) {
    Reproduction r = all.get(id);
    if (r == null) {
      return false;
    }
    r.cancelled.set(true);
    return true;
  }

  /** A file of a reproduction's report, or null when there is none of that name. */
  public synchronized Path file(long id, String name) {
    if (!all.containsKey(id) || !FILE.matcher(name).matches()) {
      return null;
    }
    Path f = folder.resolve(Long.toString(id)).resolve(name);
    return Files.isRegularFile(f) ? f : null;
  }

  private ObjectNode status(Reproduction r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", r.id);
    o.put("profile", r.profile.id());
    o.put("state", r.state);
    o.put("experiments", r.total);
    o.put("experiments_done", r.results.size());
    if (r.current != null) {
      o.put("current", r.current);
    }
    if (r.state.equals("running") && r.workDone > 0) {
      // At the rate so far per GD step at most: a rough guide, the experiments differ.
      o.put("seconds_left", r.seconds * (r.work - r.workDone) / r.workDone);
    }
    o.put("comparisons", r.comparisons);
    o.put("comparisons_passed", r.passed);
    if (r.error != null) {
      o.put("error", r.error);
    }
    ArrayNode results = o.putArray("results");
    r.results.forEach(results::add);
    o.put("report", "/api/reproductions/" + r.id + "/report/index.html");
    return o;
  }

  /** Past KEPT reports, the oldest finished ones go, with their folders. */
  private void forgetOld() {
    var it = all.values().iterator();
    while (all.size() > KEPT && it.hasNext()) {
      Reproduction old = it.next();
      if (!old.state.equals("running")) {
        delete(folder.resolve(Long.toString(old.id)));
        it.remove();
      }
    }
  }

  /** A report's folder or its checkpoints' (one level of folders inside), when there. */
  private static void delete(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isDirectory(f)) {
          delete(f);
        }
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("cannot delete the report {}: {}", dir, e.getMessage());
    }
  }

  /**
   * Stops a running reproduction and waits a little for it to stop; it goes on from its
   * checkpoints when the server starts again.
   */
  @Override
  public void close() {
    closing.set(true);
    synchronized (this) {
      all.values().forEach(r -> r.cancelled.set(true));
    }
    thread.close();
  }
}
