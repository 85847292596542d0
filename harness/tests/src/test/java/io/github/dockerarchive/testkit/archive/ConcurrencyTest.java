package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveClosedException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("RD-5: one reader, many threads; closing fails open streams cleanly")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyTest {
  static final int THREADS = 16;

  @TempDir Path dir;
  @TempDir Path tmp;
  ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  static HandmadeImage image() {
    HandmadeImage image = new HandmadeImage().tags("busybox:latest");
    Compression[] all = Compression.values();
    for (int i = 0; i < all.length; i++) {
      image.layer(Layer.random(i, 300_000 + i * 1000), all[i]);
    }
    return image;
  }

  static Digest sha256Of(InputStream in) throws IOException {
    MessageDigest md = Digest.newSha256();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      md.update(buffer, 0, n);
    }
    return Digest.ofSha256(md.digest());
  }

  <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  @DisplayName("RD-5: 16 threads reading every blob of one archive at once get the right digests")
  void manyReaders() throws Exception {
    HandmadeImage image = image();
    Path file = HandmadeImage.archive(image).writeTo(dir.resolve("c.tar"));
    List<Digest> expected = new ArrayList<>(image.diffIds());
    expected.add(image.configDigest());
    try (ArchiveReader reader = ArchiveReader.open(file)) {
      ImageSource shared = reader.imageSource(null, -1);
      List<Callable<List<Digest>>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final int thread = t;
        tasks.add(
            () -> {
              // Half the threads share one source, half make their own (first use races too).
              ImageSource source = thread % 2 == 0 ? shared : reader.imageSource(null, 0);
              List<Digest> seen = new ArrayList<>();
              for (int round = 0; round < 3; round++) {
                seen.clear();
                int offset = thread % expected.size();
                for (int k = 0; k < expected.size(); k++) {
                  Digest want = expected.get((offset + k) % expected.size());
                  try (BlobStream blob = source.getBlob(want)) {
                    assertThat(sha256Of(blob)).isEqualTo(want);
                  }
                  seen.add(want);
                }
              }
              return seen;
            });
      }
      for (List<Digest> seen : runAll(tasks)) {
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  @Test
  @DisplayName("RD-5: many threads on a stream-opened reader (temporary file) too")
  void manyReadersOnTemporaryCopy() throws Exception {
    HandmadeImage image = image();
    byte[] gz = HandmadeImage.archive(image).compressed(Compression.GZIP);
    try (ArchiveReader reader =
        ArchiveReader.open(
            new ByteArrayInputStream(gz), ReaderOptions.defaults().withTemporaryDirectory(tmp))) {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        tasks.add(
            () -> {
              ImageSource source = reader.imageSource(null, -1);
              for (Digest d : image.diffIds()) {
                try (BlobStream blob = source.getBlob(d)) {
                  assertThat(sha256Of(blob)).isEqualTo(d);
                }
              }
              return true;
            });
      }
      assertThat(runAll(tasks)).containsOnly(true);
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Compression.class)
  @DisplayName(
      "RD-5: closing the reader makes the next read of an open stream throw"
          + " ArchiveClosedException")
  void closeWhileOpen(Compression compression) throws IOException {
    HandmadeImage image =
        new HandmadeImage().tags("x:1").layer(Layer.random(7, 2_000_000), compression);
    Path file = HandmadeImage.archive(image).writeTo(dir.resolve("close.tar"));
    ArchiveReader reader = ArchiveReader.open(file);
    ImageSource source = reader.imageSource(null, -1);
    Digest diffId = image.diffIds().get(0);
    BlobStream blob = source.getBlob(diffId);
    InputStream entry = reader.openEntry("manifest.json");
    assertThat(blob.readNBytes(1000)).hasSize(1000);
    reader.close();
    assertThatThrownBy(() -> blob.readNBytes(1_000_000))
        .isInstanceOf(ArchiveClosedException.class)
        .satisfies(e -> assertThat(((ArchiveClosedException) e).rule()).isEqualTo("RD-5"));
    assertThatThrownBy(entry::read).isInstanceOf(ArchiveClosedException.class);
    assertThatThrownBy(() -> source.getBlob(diffId)).isInstanceOf(ArchiveClosedException.class);
    assertThatThrownBy(() -> reader.openEntry("manifest.json"))
        .isInstanceOf(ArchiveClosedException.class);
    blob.close();
    entry.close();
  }

  @Test
  @DisplayName("RD-5: a source first used after its reader closed fails cleanly")
  void firstUseAfterClose() throws IOException {
    Path file = image().writeTo(dir.resolve("late.tar"));
    ArchiveReader reader = ArchiveReader.open(file);
    ImageSource source = reader.imageSource(null, -1);
    reader.close();
    assertThatThrownBy(source::layers).isInstanceOf(ArchiveClosedException.class);
  }

  @Test
  @DisplayName(
      "RD-5: closing while 16 threads read ends every read in success or"
          + " ArchiveClosedException, never anything else")
  void closeDuringReads() throws Exception {
    HandmadeImage image = image();
    byte[] tar = HandmadeImage.archive(image).build();
    for (int attempt = 0; attempt < 3; attempt++) {
      ArchiveReader reader =
          ArchiveReader.open(
              new ByteArrayInputStream(tar), ReaderOptions.defaults().withTemporaryDirectory(tmp));
      ImageSource source = reader.imageSource(null, -1);
      source.layers();
      CountDownLatch reading = new CountDownLatch(THREADS);
      List<Future<Throwable>> outcomes = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final Digest d = image.diffIds().get(t % image.diffIds().size());
        outcomes.add(
            pool.submit(
                () -> {
                  reading.countDown();
                  try {
                    for (int round = 0; round < 50; round++) {
                      try (BlobStream blob = source.getBlob(d)) {
                        byte[] small = new byte[512];
                        while (blob.read(small) >= 0) {
                          // keep reading in small steps so the close lands mid-stream
                        }
                      }
                    }
                    return null;
                  } catch (Throwable e) {
                    return e;
                  }
                }));
      }
      reading.await();
      Thread.sleep(20);
      reader.close();
      for (Future<Throwable> f : outcomes) {
        Throwable outcome = f.get(60, TimeUnit.SECONDS);
        if (outcome != null) {
          assertThat(outcome).isInstanceOf(ArchiveClosedException.class);
        }
      }
      try (Stream<Path> left = Files.list(tmp)) {
        assertThat(left).as("temporary copy after close").isEmpty();
      }
    }
  }

  @Test
  @DisplayName(
      "RD-5: 16 threads read every blob of every image of a gzip archive of 3 images with gzip"
          + " layers, some shared")
  void manyReadersMultiImageCompressed() throws Exception {
    var spec =
        io.github.dockerarchive.testkit.synthetic.ArchiveSpec.builder()
            .dialect(io.github.dockerarchive.testkit.synthetic.Dialect.CONTAINERD)
            .compression(Compression.GZIP)
            .image(
                List.of("multi/a:1"),
                io.github.dockerarchive.testkit.synthetic.LayerSpec.filler(200_000),
                io.github.dockerarchive.testkit.synthetic.LayerSpec.filler(150_000))
            .image(
                List.of("multi/b:1"),
                io.github.dockerarchive.testkit.synthetic.LayerSpec.filler(200_000),
                io.github.dockerarchive.testkit.synthetic.LayerSpec.filler(90_000),
                io.github.dockerarchive.testkit.synthetic.LayerSpec.filler(70_000))
            .image(
                List.of("multi/c:1"),
                io.github.dockerarchive.testkit.synthetic.LayerSpec.filler(300_000))
            .build();
    var fixture =
        io.github.dockerarchive.testkit.synthetic.SyntheticArchives.materialize(
            spec, dir.resolve("multi.tar.gz"));
    try (ArchiveReader reader =
        ArchiveReader.open(fixture.path(), ReaderOptions.defaults().withTemporaryDirectory(tmp))) {
      assertThat(reader.compression()).isEqualTo(Compression.GZIP);
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final int thread = t;
        tasks.add(
            () -> {
              int blobs = 0;
              for (int k = 0; k < fixture.images().size(); k++) {
                int i = (thread + k) % fixture.images().size();
                var truth = fixture.image(i);
                ImageSource source = reader.imageSource(null, i);
                assertThat(source.configDigest()).isEqualTo(truth.configDigest());
                List<Digest> ids = new ArrayList<>(truth.diffIds());
                java.util.Collections.rotate(ids, thread);
                for (Digest d : ids) {
                  try (BlobStream blob = source.getBlob(d)) {
                    assertThat(sha256Of(blob)).isEqualTo(d);
                  }
                  blobs++;
                }
              }
              return blobs;
            });
      }
      int expected = fixture.images().stream().mapToInt(i -> i.diffIds().size()).sum();
      assertThat(runAll(tasks)).containsOnly(expected);
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("the decompressed copy is deleted on close").isEmpty();
    }
  }
}
