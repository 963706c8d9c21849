package dev.brink.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sweeps and their finished cells in an embedded SQLite database (write-ahead log). Each cell is
 * committed on its own as it finishes, so a server killed at any moment loses only the cells in
 * flight; a cell is stored at most once (its key is the sweep and the cell index). Calls block:
 * never make them on an event loop. Thread-safe (one connection, serialised).
 */
public final class SweepStore implements AutoCloseable {
  /** A sweep as stored: its request, its state (with the reason when failed), how far it got. */
  public record SweepRow(long id, String request, String state, String created, int cellsTotal,
      int cellsDone, String error) {
  }

  /** Waiting for a free slot among the sweeps that run at once. */
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String CANCELLED = "cancelled";
  /** Stopped by an error that retrying would not mend; the row's error says which. */
  public static final String FAILED = "failed";

  private final Connection db;

  public SweepStore(Path file) throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("CREATE TABLE IF NOT EXISTS sweeps (id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " request TEXT NOT NULL, state TEXT NOT NULL, created TEXT NOT NULL,"
          + " cells_total INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS cells (sweep INTEGER NOT NULL, cell INTEGER NOT NULL,"
          + " data TEXT NOT NULL, PRIMARY KEY (sweep, cell))");
      // A running cell's line so far (LineRun's checkpoint), so a restart goes on within it.
      s.execute("CREATE TABLE IF NOT EXISTS cell_checkpoints (sweep INTEGER NOT NULL,"
          + " cell INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (sweep, cell))");
      // Databases of earlier versions have no error column: add it, keeping their sweeps.
      boolean hasError = false;
      try (ResultSet columns = s.executeQuery("PRAGMA table_info(sweeps)")) {
        while (columns.next()) {
          hasError |= columns.getString("name").equals("error");
        }
      }
      if (!hasError) {
        s.execute("ALTER TABLE sweeps ADD COLUMN error TEXT");
      }
    }
  }

  /** Records a new sweep, running or queued; returns its id. */
  public synchronized long create(String request, int cellsTotal, String state)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT INTO sweeps (request, state, created,"
        + " cells_total) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, request);
      p.setString(2, state);
      p.setString(3, Instant.now().toString());
      p.setInt(4, cellsTotal);
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /**
   * Stores a finished cell, dropping its checkpoint; returns false when it was already stored
   * (nothing changes).
   */
  public synchronized boolean saveCell(long sweep, int cell, String data) throws SQLException {
    boolean saved;
    try (PreparedStatement p = db.prepareStatement(
        "INSERT OR IGNORE INTO cells (sweep, cell, data) VALUES (?, ?, ?)")) {
      p.setLong(1, sweep);
      p.setInt(2, cell);
      p.setString(3, data);
      saved = p.executeUpdate() == 1;
    }
    deleteCheckpoints("sweep = ? AND cell = ?", sweep, cell);
    return saved;
  }

  /** Replaces the checkpoint of a cell being computed. */
  public synchronized void saveCellCheckpoint(long sweep, int cell, byte[] data)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT OR REPLACE INTO cell_checkpoints (sweep, cell, data) VALUES (?, ?, ?)")) {
      p.setLong(1, sweep);
      p.setInt(2, cell);
      p.setBytes(3, data);
      p.executeUpdate();
    }
  }

  /** The checkpoint of a cell not yet stored, if one was saved. */
  public synchronized Optional<byte[]> cellCheckpoint(long sweep, int cell) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT data FROM cell_checkpoints WHERE sweep = ? AND cell = ?")) {
      p.setLong(1, sweep);
      p.setInt(2, cell);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    }
  }

  private void deleteCheckpoints(String where, long sweep, int cell) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "DELETE FROM cell_checkpoints WHERE " + where)) {
      p.setLong(1, sweep);
      if (cell >= 0) {
        p.setInt(2, cell);
      }
      p.executeUpdate();
    }
  }

  public synchronized void setState(long sweep, String state) throws SQLException {
    setState(sweep, state, null);
  }

  /** Sets the state and its reason (null but for failed). */
  public synchronized void setState(long sweep, String state, String error) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "UPDATE sweeps SET state = ?, error = ? WHERE id = ?")) {
      p.setString(1, state);
      p.setString(2, error);
      p.setLong(3, sweep);
      p.executeUpdate();
    }
  }

  /**
   * Ends a running sweep as done or failed (with the reason); returns false, changing nothing,
   * when it is not running (cancelled meanwhile, say).
   */
  public synchronized boolean endRunning(long sweep, String state, String error)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement("UPDATE sweeps SET state = ?, error = ?"
        + " WHERE id = ? AND state = ?")) {
      p.setString(1, state);
      p.setString(2, error);
      p.setLong(3, sweep);
      p.setString(4, RUNNING);
      boolean ended = p.executeUpdate() == 1;
      if (ended) {
        deleteCheckpoints("sweep = ?", sweep, -1);
      }
      return ended;
    }
  }

  /** The ids of the sweeps in a state, oldest first. */
  public synchronized List<Long> ids(String state) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(
        "SELECT id FROM sweeps WHERE state = ? ORDER BY id")) {
      p.setString(1, state);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Cancels the sweep if it is queued or running; returns false (and changes nothing) when it
   * has ended already or does not exist.
   */
  public synchronized boolean cancelUnfinished(long sweep) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("UPDATE sweeps SET state = ? WHERE id = ?"
        + " AND state IN (?, ?)")) {
      p.setString(1, CANCELLED);
      p.setLong(2, sweep);
      p.setString(3, QUEUED);
      p.setString(4, RUNNING);
      boolean cancelled = p.executeUpdate() == 1;
      if (cancelled) {
        deleteCheckpoints("sweep = ?", sweep, -1);
      }
      return cancelled;
    }
  }

  public synchronized List<SweepRow> sweeps() throws SQLException {
    return query("", -1);
  }

  public synchronized Optional<SweepRow> sweep(long id) throws SQLException {
    return query(" WHERE s.id = ?", id).stream().findFirst();
  }

  /** The stored cells' data, in cell order. */
  public synchronized List<String> cells(long sweep) throws SQLException {
    List<String> cells = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(
        "SELECT data FROM cells WHERE sweep = ? ORDER BY cell")) {
      p.setLong(1, sweep);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          cells.add(r.getString(1));
        }
      }
    }
    return cells;
  }

  /** Indices of the stored cells. */
  public synchronized Set<Integer> doneCells(long sweep) throws SQLException {
    Set<Integer> done = new HashSet<>();
    try (PreparedStatement p = db.prepareStatement("SELECT cell FROM cells WHERE sweep = ?")) {
      p.setLong(1, sweep);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          done.add(r.getInt(1));
        }
      }
    }
    return done;
  }

  private List<SweepRow> query(String where, long id) throws SQLException {
    List<SweepRow> rows = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT s.id, s.request, s.state, s.created,"
        + " s.cells_total, (SELECT COUNT(*) FROM cells c WHERE c.sweep = s.id), s.error"
        + " FROM sweeps s"
        + where + " ORDER BY s.id")) {
      if (id >= 0) {
        p.setLong(1, id);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(new SweepRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
              r.getInt(5), r.getInt(6), r.getString(7)));
        }
      }
    }
    return rows;
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
