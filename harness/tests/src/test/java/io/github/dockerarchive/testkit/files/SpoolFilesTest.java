package io.github.dockerarchive.testkit.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one spool: memory up to the threshold, a temporary file beyond it, nothing left after. */
class SpoolFilesTest {
  @ParameterizedTest(name = "{0} bytes over a 100-byte threshold")
  @ValueSource(ints = {0, 100, 101, 5000})
  @DisplayName("The bytes read back equal those written; a file only past the threshold")
  void roundTrip(int length, @TempDir Path dir) throws Exception {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 31);
    }
    Spool spool = new Spool(100, dir, "spool-test-");
    spool.write(data, 0, length / 2);
    spool.write(data, length / 2, length - length / 2);
    spool.close();
    assertThat(spool.size()).isEqualTo(length);
    assertThat(spool.file() != null).isEqualTo(length > 100);
    try (InputStream in = spool.open()) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    spool.copyTo(copy);
    assertThat(copy.toByteArray()).isEqualTo(data);
    spool.delete();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
