package io.github.dockerarchive.testkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.interop.OciLayout;
import io.github.dockerarchive.testkit.layout.DirInput;
import io.github.dockerarchive.testkit.layout.DirOutput;
import io.github.dockerarchive.testkit.layout.OciLayoutInput;
import io.github.dockerarchive.testkit.testing.ForwardingImageInput;
import io.github.dockerarchive.testkit.testing.ForwardingImageOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("layers go in parallel only when both the input and the output allow it")
class ImageCopierThreadsTest {
  @TempDir Path dir;

  private Path layout() throws IOException {
    List<byte[]> layers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      layers.add(OciLayout.layerTar("f" + i, "z".repeat(40_000 + i)));
    }
    Path oci = dir.resolve("oci");
    OciLayout.write(oci, "v1", layers, false);
    return oci;
  }

  @Test
  @DisplayName("an input that does not declare independent blob streams is read on one thread")
  void sequentialInput() throws Exception {
    Path oci = layout();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1");
        ImageOutput out =
            new ThreadRecordingOutput(DirOutput.create(dir.resolve("d")), threads, null)) {
      ImageCopier.copy(new PlainInput(in), out, ImageCopier.Progress.NONE);
    }
    assertThat(threads).containsExactly(Thread.currentThread().getName());
    try (DirInput back = DirInput.open(dir.resolve("d"))) {
      assertThat(ImageManifest.parse(back.manifestBytes(), null).layers()).hasSize(6);
    }
  }

  @Test
  @DisplayName("an OCI layout into an output that accepts it uses more than one thread")
  void parallelWhenBothAllow() throws Exception {
    assumeTrue(
        Runtime.getRuntime().availableProcessors() > 1, "one core: layers are copied in turn");
    Path oci = layout();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch twoAtOnce = new CountDownLatch(2);
    try (OciLayoutInput in = OciLayoutInput.open(oci, "v1");
        ImageOutput out =
            new ThreadRecordingOutput(DirOutput.create(dir.resolve("d")), threads, twoAtOnce)) {
      ImageCopier.copy(in, out, ImageCopier.Progress.NONE);
    }
    assertThat(twoAtOnce.getCount()).as("two layers were in putBlob at the same time").isZero();
    assertThat(threads).hasSizeGreaterThan(1).contains(Thread.currentThread().getName());
  }

  /** An input that does not say its blob streams are independent (the interface's default). */
  private static final class PlainInput extends ForwardingImageInput {
    PlainInput(ImageInput delegate) {
      super(delegate);
    }

    @Override
    public boolean servesConcurrentBlobs() {
      return false;
    }
  }

  /**
   * Accepts concurrent layers and records the threads that put them; with a latch, each layer waits
   * (up to 30 s) until two layers have arrived, so a parallel copy is seen as one.
   */
  private static final class ThreadRecordingOutput extends ForwardingImageOutput {
    private final Set<String> threads;
    private final CountDownLatch rendezvous;

    ThreadRecordingOutput(ImageOutput delegate, Set<String> threads, CountDownLatch rendezvous) {
      super(delegate);
      this.threads = threads;
      this.rendezvous = rendezvous;
    }

    @Override
    public BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
        throws ArchiveException {
      if (!isConfig) {
        threads.add(Thread.currentThread().getName());
        if (rendezvous != null) {
          rendezvous.countDown();
          try {
            rendezvous.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      return delegate.putBlob(stream, info, isConfig);
    }

    @Override
    public boolean acceptsConcurrentBlobs() {
      return true;
    }
  }
}
