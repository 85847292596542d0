package io.github.dockerarchive.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.reference.DockerReference;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import io.github.dockerarchive.testkit.writer.ArchiveWriter;
import io.github.dockerarchive.testkit.writer.ImageDestination;
import io.github.dockerarchive.testkit.writer.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (a 20 MiB tmpfs; needs root, skipped with the reason otherwise) while the writer
 * writes the archive, while it spools a blob of unknown digest, and while the reader decompresses
 * an archive to its temporary file: a clear error, nothing left behind, and the writer still usable
 * after the failed blob (WR-2, WR-3, WR-10, RD-1, SAFE-3).
 */
@DisplayName("disk full: clear errors, nothing left behind")
class DiskFullTest {
  static Path mount;
  static boolean mounted;

  @TempDir Path elsewhere;

  @BeforeAll
  static void mountSmallTmpfs() throws Exception {
    mount = Files.createTempDirectory("dockerarchive-diskfull-");
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", mount.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    Assumptions.assumeTrue(mounted, "cannot mount a 20 MiB tmpfs (needs root): " + output);
  }

  @AfterAll
  static void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }
    Files.deleteIfExists(mount);
  }

  @AfterEach
  void tmpfsIsEmptyAfterCleanUp() throws IOException {
    try (var files = Files.list(mount)) {
      files.forEach(
          f -> {
            try {
              Files.delete(f);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** {@code size} pseudo-random bytes, generated as they are read (the heap here is small). */
  static InputStream randomStream(long size, long seed) {
    Random random = new Random(seed);
    return new InputStream() {
      long left = size;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        byte[] chunk = new byte[n];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, b, off, n);
        left -= n;
        return n;
      }
    };
  }

  @Test
  @DisplayName("generating: a full disk is an error naming the file (not only \"No space left\")")
  void generateFillsTheDisk() {
    Path out = mount.resolve("generated.tar");
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(List.of("full/generated:1"), LayerSpec.filler(30 << 20))
            .build();
    IOException error =
        catchThrowableOfType(IOException.class, () -> SyntheticArchives.materialize(spec, out));
    assertThat(error).hasMessageContaining("No space left on device");
    assertThat(error).hasMessageContaining(out.toString());
    assertThat(out).doesNotExist();
  }

  /** A digest the random stream does not have: the disk fills long before the check. */
  static final Digest SOME_DIGEST = Digest.sha256(new byte[] {1});

  @Test
  @DisplayName("writing: the blob that fills the disk fails and is taken back; the rest commits")
  void writerFillsTheDisk() throws Exception {
    Path out = mount.resolve("out.tar");
    byte[] small = HandmadeImage.archive(new HandmadeImage()).build(); // any small bytes
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      ImageDestination first = writer.newImage(DockerReference.parseNormalized("full/big:1"));
      ArchiveException error =
          catchThrowableOfType(
              ArchiveException.class,
              () ->
                  first.putBlob(
                      randomStream(30 << 20, 1), BlobInfo.of(SOME_DIGEST, 30 << 20), false));
      assertThat(error).hasMessageContaining("No space left on device");
      first.close();

      HandmadeImage image = new HandmadeImage().layer(Layer.raw(small));
      ImageDestination second = writer.newImage(DockerReference.parseNormalized("full/small:1"));
      byte[] layer = image.layers().get(0).tar();
      second.putBlob(
          new ByteArrayInputStream(layer), BlobInfo.of(Digest.sha256(layer), layer.length), false);
      byte[] config = image.configBytes();
      second.putBlob(
          new ByteArrayInputStream(config),
          BlobInfo.of(Digest.sha256(config), config.length),
          true);
      second.putManifest(schema2(config, layer));
      second.commit();
    }
    assertThat(Leaks.files(mount)).containsExactly("out.tar");
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      assertThat(reader.manifest()).hasSize(1);
      assertThat(reader.manifest().get(0).repoTags()).containsExactly("docker.io/full/small:1");
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
    }
  }

  @Test
  @DisplayName("writing: a full disk while closing leaves neither archive nor temporary file")
  void nothingCommittedLeavesNothing() throws Exception {
    Path out = mount.resolve("out.tar");
    Files.write(mount.resolve("filler"), random(19 << 20, 2));
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      ImageDestination image = writer.newImage(null);
      catchThrowableOfType(
          ArchiveException.class,
          () -> image.putBlob(randomStream(4 << 20, 3), BlobInfo.of(SOME_DIGEST, 4 << 20), false));
      image.close();
    }
    assertThat(Leaks.files(mount)).containsExactly("filler");
  }

  @Test
  @DisplayName("spooling: a blob of unknown digest that fills the spool disk fails; no spool file")
  void spoolFillsTheDisk() throws Exception {
    Path out = elsewhere.resolve("out.tar");
    WriterOptions options =
        WriterOptions.defaults().withSpoolDirectory(mount).withSpoolThreshold(1 << 20);
    try (ArchiveWriter writer = ArchiveWriter.create(out, options)) {
      ImageDestination image = writer.newImage(null);
      ArchiveException error =
          catchThrowableOfType(
              ArchiveException.class,
              () -> image.putBlob(randomStream(30 << 20, 4), new BlobInfo(null, -1, null), false));
      assertThat(error).hasMessageContaining("No space left on device");
      image.close();
    }
    assertThat(Leaks.files(mount)).isEmpty();
    assertThat(out).doesNotExist();
    assertThat(Leaks.files(elsewhere)).isEmpty();
  }

  @Test
  @DisplayName("reading: decompressing an archive onto a full disk fails with RD-1; no temp file")
  void readerSpoolFillsTheDisk() throws Exception {
    // A tar whose one entry is 30 MiB of zeros, gzip-compressed to a few kilobytes.
    Path gz = elsewhere.resolve("big.tar.gz");
    try (var out =
        new java.util.zip.GZIPOutputStream(
            new java.io.BufferedOutputStream(Files.newOutputStream(gz)))) {
      out.write(RawTar.header("big".getBytes(), 30 << 20, '0', ""));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 30; i++) {
        out.write(zeros);
      }
      out.write(new byte[1024]);
    }
    ArchiveException error =
        catchThrowableOfType(
            ArchiveException.class,
            () -> {
              ArchiveReader.open(
                      gz,
                      io.github.dockerarchive.testkit.archive.ReaderOptions.defaults()
                          .withTemporaryDirectory(mount))
                  .close();
            });
    assertThat(error.rule()).isEqualTo("RD-1");
    assertThat(error).hasMessageContaining("No space left on device");
    assertThat(Leaks.files(mount)).isEmpty();
  }

  private static byte[] schema2(byte[] config, byte[] layer) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
            + config.length
            + ",\"digest\":\""
            + Digest.sha256(config)
            + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar\",\"size\":"
            + layer.length
            + ",\"digest\":\""
            + Digest.sha256(layer)
            + "\"}]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
