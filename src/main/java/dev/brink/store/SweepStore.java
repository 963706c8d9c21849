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
  /** A sweep as stored: its request, its state and how far it got. */
  public record SweepRow(long id, String request, String state, String created, int cellsTotal,
      int cellsDone) {
  }

  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String CANCELLED = "cancelled";

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
    }
  }

  /** Records a new running sweep; returns its id. */
  public synchronized long create(String request, int cellsTotal) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT INTO sweeps (request, state, created,"
        + " cells_total) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, request);
      p.setString(2, RUNNING);
      p.setString(3, Instant.now().toString());
      p.setInt(4, cellsTotal);
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Stores a finished cell; returns false when it was already stored (nothing changes). */
  public synchronized boolean saveCell(long sweep, int cell, String data) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT OR IGNORE INTO cells (sweep, cell, data) VALUES (?, ?, ?)")) {
      p.setLong(1, sweep);
      p.setInt(2, cell);
      p.setString(3, data);
      return p.executeUpdate() == 1;
    }
  }

  public synchronized void setState(long sweep, String state) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("UPDATE sweeps SET state = ? WHERE id = ?")) {
      p.setString(1, state);
      p.setLong(2, sweep);
      p.executeUpdate();
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
        + " s.cells_total, (SELECT COUNT(*) FROM cells c WHERE c.sweep = s.id) FROM sweeps s"
        + where + " ORDER BY s.id")) {
      if (id >= 0) {
        p.setLong(1, id);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(new SweepRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
              r.getInt(5), r.getInt(6)));
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
