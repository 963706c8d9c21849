package dev.brink.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What is wrong with a piece of JSON, in brink's words: where (line and column) and the parser's
 * reason without its internals (source descriptions, feature names, start markers).
 */
public final class JsonProblem {
  private JsonProblem() {
  }

  /** For example "not valid JSON at line 1, column 9: unexpected end of input". */
  public static String describe(JsonProcessingException e) {
    String reason = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    reason = reason.split("\n", 2)[0]
        .replaceAll("\\s*\\(start marker at.*$", "")
        .replaceAll("\\s*\\[Source:.*$", "")
        .replaceAll("\\s*\\(for [A-Za-z]+ starting at.*$", "")
        .replaceAll("\\s*\\(code \\d+\\)", "")
        .replaceAll(";?\\s*to (allow|enable).*$", "")
        .replaceAll("[:;,.\\s]+$", "");
    if (reason.length() > 160) {
      reason = reason.substring(0, 160) + "...";
    }
    if (!reason.isEmpty()) {
      reason = Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? ""
        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return "not valid JSON" + where + ": " + reason;
  }
}
