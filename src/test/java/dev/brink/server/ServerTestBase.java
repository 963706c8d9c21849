package dev.brink.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real server (window 8) shared by the tests of a class. */
abstract class ServerTestBase {
  static ServerFixture fixture;

  @BeforeAll
  static void startServer() throws Exception {
    fixture = new ServerFixture(8);
  }

  @AfterAll
  static void stopServer() {
    fixture.close();
  }
}
