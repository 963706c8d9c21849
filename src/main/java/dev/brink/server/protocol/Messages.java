package dev.brink.server.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.params.InvalidParameterException;
import dev.brink.server.compute.BusyException;

/**
 * JSON text messages of the protocol, and the one place that turns a failure into an error
 * message, for the WebSocket and for REST alike (docs/protocol.md).
 */
public final class Messages {
  private Messages() {
  }

  /** {"type": type, "view": view}; view < 0 leaves the view out. */
  public static ObjectNode message(String type, int view) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", type);
    if (view >= 0) {
      o.put("view", view);
    }
    return o;
  }

  /** {"error": kind, "field": ..., "message": ...} for a failure. */
  public static ObjectNode error(Throwable e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (e instanceof InvalidParameterException) {
      o.put("error", "bad-parameter");
      o.put("field", ((InvalidParameterException) e).field());
      o.put("message", e.getMessage());
    } else if (e instanceof RefusedException) {
      o.put("error", ((RefusedException) e).kind());
      o.put("field", ((RefusedException) e).field());
      o.put("message", e.getMessage());
    } else if (e instanceof BusyException) {
      o.put("error", "busy");
      o.putNull("field");
      o.put("message", e.getMessage());
    } else if (e instanceof java.sql.SQLException) {
      o.put("error", "storage");
      o.putNull("field");
      o.put("message", storageProblem(e));
    } else {
      o.put("error", "internal");
      o.putNull("field");
      o.put("message", "internal error; the server log has the details");
    }
    return o;
  }

  /** What went wrong with the database, e.g. the disk is full, in words for the client. */
  public static String storageProblem(Throwable e) {
    return "the database could not be written or read: " + e.getMessage();
  }

  /** The HTTP status for a failure. */
  public static int status(Throwable e) {
    if (e instanceof BusyException || e instanceof java.sql.SQLException) {
      return 503;
    }
    if (e instanceof RefusedException && ((RefusedException) e).kind()
        .equals(RefusedException.CONFLICT)) {
      return 409;
    }
    return isClientError(e) ? 400 : 500;
  }

  /** Whether the failure is the client's: bad input or a request above a limit. */
  public static boolean isClientError(Throwable e) {
    return e instanceof InvalidParameterException || e instanceof RefusedException;
  }
}
