package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.cli.ZoomProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Record this zoom": a zoom video made by the server, polled, downloaded and decoded. */
class ZoomApiTest {
  static final String PARAMS = "\"params\":{\"family\":\"additive\",\"lambda\":\"1\","
      + "\"x0\":\"5\",\"steps\":\"200\"},\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\"";

  static JsonNode waitFor(ServerFixture f, long id, String state) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode s = f.get("/api/zooms/" + id).json();
      if (s.get("state").asText().equals(state)) {
        return s;
      }
      assertTrue(!s.get("state").asText().equals("failed"), s.toString());
      Thread.sleep(50);
    }
    throw new AssertionError("zoom " + id + " not " + state);
  }

  @Test
  @DisplayName("a zoom is recorded, shows its progress, and its video decodes (ffprobe) to the"
      + " frames and size asked for; its keyframes' dimensions download as JSON")
  void recordAndDownload(@TempDir Path dir) throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      ServerFixture.Response created = f.post("/api/zooms", "{" + PARAMS + ",\"center\":[1.0,"
          + "0.2],\"from_width\":0.2,\"to_width\":0.05,\"frames_per_halving\":3,"
          + "\"size\":\"64x48\",\"fps\":12}");
      assertEquals(202, created.status(), created.json().toString());
      long id = created.json().get("id").asLong();
      assertEquals(7, created.json().get("frames").asInt(), "2 halvings at 3 frames, and one");
      JsonNode done = waitFor(f, id, "done");
      assertEquals(7, done.get("frames_done").asInt());
      HttpResponse<byte[]> video = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + f.port() + done.get("video").asText())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, video.statusCode());
      assertEquals("video/mp4", video.headers().firstValue("content-type").orElse(""));
      Path file = dir.resolve("z.mp4");
      Files.write(file, video.body());
      assertEquals("h264,64,48,7", ZoomProbe.probe(file));
      ServerFixture.Response dims = f.get(done.get("dimensions").asText());
      assertEquals(200, dims.status());
      assertEquals(3, dims.json().get("keyframes").size(), "frames 0, 3 and the last, 6");
      assertEquals(0.2, dims.json().get("keyframes").get(0).get("width").asDouble(), 1e-12);
      assertEquals(1, f.get("/api/zooms").json().get("zooms").size());
    }
  }

  @Test
  @DisplayName("bad zooms are refused naming the field; one records at a time; a cancelled one"
      + " leaves no video")
  void refusalsAndCancel() throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      String[][] bad = {
          {"{" + PARAMS + ",\"from_width\":0.2,\"to_width\":0.05}", "center"},
          {"{" + PARAMS + ",\"center\":[1,0.2],\"from_width\":0.2,\"to_width\":0.5}",
              "to-width"},
          {"{" + PARAMS + ",\"center\":[1,0.2],\"from_width\":0.2,\"to_width\":0.1,"
              + "\"size\":\"63x48\"}", "size"},
          // 4096 x 4096 points x 1000 steps: past the default view work, 1e10.
          {"{" + PARAMS.replace("\"200\"", "\"1000\"") + ",\"center\":[1,0.2],"
              + "\"from_width\":0.2,\"to_width\":0.1,\"size\":\"4096x4096\"}", "size"},
          {"[1,2]", "body"},
      };
      for (String[] b : bad) {
        ServerFixture.Response r = f.post("/api/zooms", b[0]);
        assertEquals(400, r.status(), b[0] + ": " + r.json());
        assertEquals(b[1], r.json().get("field").asText(), r.json().toString());
      }
      String deep = "{" + PARAMS + ",\"center\":[1.0,0.2],\"from_width\":0.2,\"to_width\":1e-6,"
          + "\"frames_per_halving\":16,\"size\":\"320x240\"}";
      ServerFixture.Response first = f.post("/api/zooms", deep);
      assertEquals(202, first.status(), first.json().toString());
      long id = first.json().get("id").asLong();
      ServerFixture.Response second = f.post("/api/zooms", deep);
      assertEquals(409, second.status(), second.json().toString());
      assertTrue(second.json().get("message").asText().contains("one at a time"),
          second.json().toString());
      assertEquals(200, f.post("/api/zooms/" + id + "/cancel", "").status());
      waitFor(f, id, "cancelled");
      assertEquals(404, f.get("/api/zooms/" + id + "/video").status());
      assertEquals(404, f.get("/api/zooms/99").status());
    }
  }

  @Test
  @DisplayName("a restarted server deletes the unlisted zoom files of its earlier run")
  void restartCleansUp(@TempDir Path data) throws Exception {
    Path folder = Files.createDirectories(data.resolve("zooms"));
    Files.write(folder.resolve("zoom-3.mp4"), new byte[] {1});
    Files.write(folder.resolve("zoom-3.json"), new byte[] {1});
    Files.write(folder.resolve("notes.txt"), new byte[] {1});
    new dev.brink.server.zoom.ZoomService(data, new dev.brink.server.protocol.Limits(
        dev.brink.server.config.ServerLimits.defaults())).close();
    assertTrue(!Files.exists(folder.resolve("zoom-3.mp4"))
        && !Files.exists(folder.resolve("zoom-3.json")), "old recordings deleted");
    assertTrue(Files.exists(folder.resolve("notes.txt")), "nothing else touched");
  }
}
