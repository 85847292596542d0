package io.github.dockerarchive.testkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-archive corpus bundled in the harness test-jar, copied out to files for the CLI. */
final class CorpusFiles {
  private CorpusFiles() {}

  static JsonNode expected() {
    try (InputStream in = open("EXPECTED.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path copy(String name, Path directory) {
    try (InputStream in = open(name)) {
      Path target = directory.resolve(name);
      Files.copy(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = CorpusFiles.class.getResourceAsStream("/corpus/real/" + name);
    if (in == null) {
      throw new IOException("corpus file " + name + " is not on the test classpath");
    }
    return in;
  }
}
