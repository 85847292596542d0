package io.github.dockerarchive.testkit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test against the real skopeo starts with: the tool (with {@code --insecure-policy}), a
 * mapper for its JSON output, a temporary directory per test, and a skip when skopeo is not
 * installed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class SkopeoTestSupport {
  /** skopeo with {@code --insecure-policy}. */
  protected static final ExternalTool SKOPEO = ExternalTool.of("skopeo", "--insecure-policy");

  /** Reads skopeo's JSON output. */
  protected static final ObjectMapper JSON = new ObjectMapper();

  /** A fresh directory for each test. */
  @TempDir protected Path dir;

  /** For subclasses. */
  protected SkopeoTestSupport() {}

  /** Skips the test when skopeo is not installed. */
  @BeforeEach
  protected void needsSkopeo() {
    SKOPEO.assumeInstalled();
  }
}
