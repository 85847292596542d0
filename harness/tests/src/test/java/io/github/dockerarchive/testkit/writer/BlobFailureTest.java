package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WR-2 at every position (first blob, between layers, the config, the second image) for every kind
 * of bad stream, on a file and on a stream target, with known and unknown sizes: the put fails with
 * a typed error naming expected and actual, the writer goes on, and the finished archive is
 * byte-identical to one written without the failure.
 */
@DisplayName("WR-2: a failed blob leaves no trace and the writer stays usable")
class BlobFailureTest {
  enum Position {
    FIRST_BLOB,
    BETWEEN_LAYERS,
    CONFIG,
    SECOND_IMAGE
  }

  enum Failure {
    WRONG_DIGEST,
    SHORT_STREAM,
    LONG_STREAM,
    THROWING_STREAM
  }

  enum Target {
    FILE,
    STREAM
  }

  static final TestImages.Image FIRST = TestImages.image("first", 2);
  static final TestImages.Image SECOND = TestImages.image("second", 1);

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Target target : Target.values()) {
      for (Position position : Position.values()) {
        for (Failure failure : Failure.values()) {
          for (boolean sizeKnown : new boolean[] {true, false}) {
            if (!sizeKnown
                && failure != Failure.WRONG_DIGEST
                && failure != Failure.THROWING_STREAM) {
              continue; // without a size, short and long streams are just other bytes
            }
            cases.add(Arguments.of(target, position, failure, sizeKnown));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} target, {1}, {2}, size known: {3}")
  @MethodSource("cases")
  @DisplayName("WR-2: bad stream at a position, then the right one, then the rest")
  void failedBlobLeavesNoTrace(Target target, Position position, Failure failure, boolean sizeKnown)
      throws Exception {
    byte[] clean = write(target, null, null, true);
    byte[] withFailure = write(target, position, failure, sizeKnown);
    assertThat(withFailure)
        .as("archive after a failed %s at %s", failure, position)
        .isEqualTo(clean);
    Path file = dir.resolve("check.tar");
    Files.write(file, withFailure);
    try (ArchiveReader reader = ArchiveReader.open(file)) {
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
      assertThat(reader.manifest()).hasSize(2);
    }
    assertThat(dir).isDirectoryNotContaining("glob:**dockerarchive-tmp*");
  }

  /** Writes FIRST and SECOND, injecting {@code failure} once at {@code position}. */
  private byte[] write(Target target, Position position, Failure failure, boolean sizeKnown)
      throws Exception {
    Path out = dir.resolve("out-" + System.nanoTime() + ".tar");
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    try (ArchiveWriter writer =
        target == Target.FILE
            ? ArchiveWriter.create(out, WriterOptions.defaults())
            : ArchiveWriter.create(stream, WriterOptions.defaults())) {
      ImageDestination first = writer.newImage(DockerReference.parseNormalized("first:1"));
      put(first, FIRST.layers().get(0), false, position == Position.FIRST_BLOB, failure, sizeKnown);
      put(
          first,
          FIRST.layers().get(1),
          false,
          position == Position.BETWEEN_LAYERS,
          failure,
          sizeKnown);
      put(first, FIRST.config(), true, position == Position.CONFIG, failure, sizeKnown);
      first.putManifest(FIRST.manifest());
      first.commit();
      ImageDestination second = writer.newImage(DockerReference.parseNormalized("second:1"));
      put(
          second,
          SECOND.layers().get(0),
          false,
          position == Position.SECOND_IMAGE,
          failure,
          sizeKnown);
      put(second, SECOND.config(), true, false, failure, sizeKnown);
      second.putManifest(SECOND.manifest());
      second.commit();
    }
    if (target == Target.FILE) {
      byte[] bytes = Files.readAllBytes(out);
      Files.delete(out);
      return bytes;
    }
    return stream.toByteArray();
  }

  private static void put(
      ImageDestination d,
      byte[] blob,
      boolean isConfig,
      boolean fail,
      Failure failure,
      boolean sizeKnown)
      throws IOException {
    Digest digest = Digest.sha256(blob);
    if (fail) {
      long size = sizeKnown ? blob.length : BlobInfo.UNKNOWN_SIZE;
      ArchiveException e =
          catchThrowableOfType(
              ArchiveException.class,
              () -> d.putBlob(bad(blob, failure), new BlobInfo(digest, size, null), isConfig));
      assertThat(e).as("putBlob of a %s", failure).isNotNull();
      assertThat(e.rule()).isEqualTo("WR-2");
      switch (failure) {
        case WRONG_DIGEST ->
            assertThat(e)
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("expected " + digest)
                .hasMessageContaining("got sha256:");
        case SHORT_STREAM ->
            assertThat(e)
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(
                    "expected " + blob.length + " bytes, got " + (blob.length - 7));
        case LONG_STREAM ->
            assertThat(e)
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("expected " + blob.length + " bytes, got more");
        case THROWING_STREAM ->
            assertThat(e)
                .hasMessageContaining("disk on fire")
                .hasCauseInstanceOf(IOException.class);
      }
      assertThat(d.tryReusingBlob(BlobInfo.of(digest, blob.length))).isEmpty();
    }
    BlobInfo stored =
        d.putBlob(new ByteArrayInputStream(blob), BlobInfo.of(digest, blob.length), isConfig);
    assertThat(stored.digest()).isEqualTo(digest);
  }

  private static InputStream bad(byte[] blob, Failure failure) {
    return switch (failure) {
      case WRONG_DIGEST -> {
        byte[] copy = blob.clone();
        copy[copy.length / 2] ^= 1;
        yield new ByteArrayInputStream(copy);
      }
      case SHORT_STREAM -> new ByteArrayInputStream(Arrays.copyOf(blob, blob.length - 7));
      case LONG_STREAM -> new ByteArrayInputStream(Arrays.copyOf(blob, blob.length + 1000));
      case THROWING_STREAM ->
          new SequenceInputStream(
              new ByteArrayInputStream(Arrays.copyOf(blob, blob.length / 2)),
              new InputStream() {
                @Override
                public int read() throws IOException {
                  throw new IOException("disk on fire");
                }
              });
    };
  }
}
