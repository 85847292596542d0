package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * WR-2 under concurrency: eight threads write 32 images into one writer at once, and every third
 * image has a layer whose bytes do not match its digest. The failed blobs are rolled back while
 * other threads keep writing; the finished archive is valid and holds exactly the committed images,
 * and no entry of a failed blob.
 */
@DisplayName("WR-2 under concurrency: failed blobs roll back, committed images survive")
class ConcurrentRollbackTest {
  static final int THREADS = 8;
  static final int IMAGES = 32;

  @TempDir Path dir;

  @RepeatedTest(3)
  void concurrentWritersWithFailingBlobs() throws Exception {
    Path out = dir.resolve("out.tar");
    List<TestImages.Image> images = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      Random random = new Random(i);
      List<byte[]> layers = new ArrayList<>();
      for (int l = 0; l < 3; l++) {
        byte[] data = new byte[32 * 1024 + random.nextInt(64 * 1024)];
        random.nextBytes(data);
        layers.add(TestImages.layer("data-" + i + "-" + l, new String(data, "ISO-8859-1")));
      }
      if (i % 4 == 1) {
        layers.set(0, images.get(i - 1).layers().get(0)); // shared with the previous image
      }
      images.add(TestImages.image("image-" + i, layers));
    }
    Set<Digest> failedDigests = ConcurrentSets.newSet();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try (ArchiveWriter writer = ArchiveWriter.create(out, WriterOptions.defaults())) {
      for (int i = 0; i < IMAGES; i++) {
        int index = i;
        TestImages.Image image = images.get(i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  ImageDestination destination =
                      writer.newImage(DockerReference.parseNormalized("concurrent/image:" + index));
                  boolean fail = index % 3 == 0;
                  for (int l = 0; l < image.layers().size(); l++) {
                    byte[] layer = image.layers().get(l);
                    byte[] sent = layer;
                    if (fail && l == image.layers().size() - 1) {
                      sent = layer.clone();
                      sent[sent.length / 2] ^= 1;
                      failedDigests.add(Digest.sha256(layer));
                      try {
                        destination.putBlob(
                            new ByteArrayInputStream(sent),
                            BlobInfo.of(Digest.sha256(layer), layer.length),
                            false);
                        throw new AssertionError("a corrupted blob was accepted");
                      } catch (DigestMismatchException expected) {
                        destination.close();
                        return false;
                      }
                    }
                    destination.putBlob(
                        new ByteArrayInputStream(sent),
                        BlobInfo.of(Digest.sha256(layer), layer.length),
                        false);
                  }
                  destination.putBlob(
                      new ByteArrayInputStream(image.config()),
                      BlobInfo.of(image.configDigest(), image.config().length),
                      true);
                  destination.putManifest(image.manifest());
                  destination.commit();
                  destination.close();
                  return true;
                }));
      }
      start.countDown();
      for (Future<Boolean> f : results) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    Set<String> expectedTags = new HashSet<>();
    for (int i = 0; i < IMAGES; i++) {
      if (results.get(i).get()) {
        expectedTags.add("docker.io/concurrent/image:" + i);
      }
    }
    assertThat(expectedTags).hasSize(IMAGES - (IMAGES + 2) / 3);
    try (ArchiveReader reader = ArchiveReader.open(out)) {
      Set<String> tags = new HashSet<>();
      for (ManifestItem item : reader.manifest()) {
        tags.addAll(item.repoTags());
      }
      assertThat(tags).isEqualTo(expectedTags);
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).problems())
          .isEmpty();
      for (TarEntry entry : reader.entries()) {
        for (Digest failed : failedDigests) {
          assertThat(entry.name()).doesNotContain(failed.hex());
        }
      }
      for (int i = 0; i < IMAGES; i++) {
        if (results.get(i).get()) {
          assertThat(reader.imageSource(null, indexOf(reader, i)).diffIds())
              .isEqualTo(images.get(i).diffIds());
        }
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.tar");
    }
  }

  private static int indexOf(ArchiveReader reader, int image) {
    String tag = "docker.io/concurrent/image:" + image;
    for (int i = 0; i < reader.manifest().size(); i++) {
      if (reader.manifest().get(i).repoTags().contains(tag)) {
        return i;
      }
    }
    throw new AssertionError("no item tagged " + tag);
  }

  private static final class ConcurrentSets {
    static <T> Set<T> newSet() {
      return java.util.concurrent.ConcurrentHashMap.newKeySet();
    }
  }
}
