package com.example.dockerarchive.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.junit.ArchiveQuirks;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

class EveryQuirkExampleTest {
  // one test per valid quirk: shapes Docker, skopeo and podman load, so our reader must too
  @ArchiveQuirks(validity = QuirkValidity.VALID)
  void readsTheConfigOfEveryImage(Quirk quirk, ArchiveFixture archive) throws IOException {
    List<String> configs = UserReader.configPaths(archive.path());

    assertThat(configs).as(quirk.description()).hasSameSizeAs(archive.images());
    for (ImageTruth image : archive.images()) {
      byte[] config = UserReader.read(archive.path(), configs.get(image.index()));
      assertThat(Digest.sha256(config)).isEqualTo(image.configDigest());
    }
  }

  /** The code under test: a small reader of docker-save archives, as a user would write it. */
  static final class UserReader {
    static List<String> configPaths(Path archive) throws IOException {
      List<String> paths = new ArrayList<>();
      for (JsonNode item : new ObjectMapper().readTree(read(archive, "manifest.json"))) {
        paths.add(field(item, "Config").asText());
      }
      return paths;
    }

    // keys match case-insensitively: Jib before 2.3 writes "config"
    private static JsonNode field(JsonNode item, String key) throws IOException {
      for (var fields = item.fields(); fields.hasNext(); ) {
        var field = fields.next();
        if (field.getKey().equalsIgnoreCase(key)) {
          return field.getValue();
        }
      }
      throw new IOException("no " + key + " in " + item);
    }

    static byte[] read(Path archive, String name) throws IOException {
      try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
          TarArchiveInputStream tar = new TarArchiveInputStream(decompress(file))) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          if (e.isFile() && e.getName().replaceFirst("^(\\./)+", "").equals(name)) {
            return tar.readAllBytes();
          }
        }
      }
      throw new IOException(name + " is not in " + archive);
    }

    // docker load takes the archive plain or compressed
    private static InputStream decompress(InputStream in) throws IOException {
      try {
        return new BufferedInputStream(
            new CompressorStreamFactory().createCompressorInputStream(in));
      } catch (CompressorException notCompressed) {
        return in;
      }
    }
  }
}
