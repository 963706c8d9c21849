package dev.brink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Reads a video back with ffmpeg's ffprobe: a decoder independent of brink's encoder. */
public final class ZoomProbe {
  private ZoomProbe() {
  }

  /** "codec,width,height,frames" of the video's first stream, every frame decoded. */
  public static String probe(Path video) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
          "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0",
          video.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("ffprobe (Debian's ffmpeg) decodes the video: install it"
          + " (apt-get install ffmpeg; bin/test does)", e);
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffprobe finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
