package dev.brink.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** A JSON object of parameters as name -> text, for the request parsers (numbers as spelled). */
public final class JsonParams {
  private JsonParams() {
  }

  /** The object's fields except those named in skip; nested values are refused. */
  public static Map<String, String> texts(JsonNode params, String what, Set<String> skip) {
    if (params == null || !params.isObject()) {
      throw RefusedException.badMessage(what, "required: an object of parameters");
    }
    Map<String, String> texts = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (skip.contains(e.getKey())) {
        continue;
      }
      JsonNode v = e.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw RefusedException.badMessage(e.getKey(),
            "must be a number, text or boolean, got " + v);
      }
      texts.put(e.getKey(), v.asText());
    }
    return texts;
  }
}
