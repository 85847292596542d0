package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.VerificationReport;
import io.github.dockerarchive.testkit.archive.VerificationReport.Problem;
import io.github.dockerarchive.testkit.archive.VerificationReport.Severity;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.Descriptor;
import io.github.dockerarchive.testkit.image.ImageConfig;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.ImageManifest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Verifies one image of an {@link ImageInput} that stores its blobs as its manifest describes them
 * ({@code oci-archive:}, {@code oci:}, {@code dir:}), as {@code dockerarchive verify} does for an
 * {@code oci-archive:} reference: every blob has the digest and size its descriptor gives (OAR-5,
 * OCI-2), the config lists as many diffIDs as the manifest lists layers (SRC-2), and every layer
 * decompresses to its diffID (SRC-7). Every problem is reported, not only the first.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ImageInputVerifier {
  private static final int BUFFER = 1 << 20;

  private ImageInputVerifier() {}

  /**
   * Verifies the image.
   *
   * @param image the image, already opened (so its manifest was found and read)
   * @param listener told of the stored layer bytes hashed so far
   * @return the problems, each of image {@code 0}; one image counted, loaded when its config was
   *     readable
   */
  public static VerificationReport verify(
      ImageInput image, ArchiveVerifier.ProgressListener listener) {
    List<Problem> problems = new ArrayList<>();
    ImageManifest manifest;
    try {
      manifest = ImageManifest.parse(image.manifestBytes(), image.manifestMediaType());
    } catch (ArchiveException e) {
      problems.add(new Problem(Severity.ERROR, e.rule(), 0, e.getMessage()));
      return new VerificationReport(1, 0, 0, problems);
    }
    List<Digest> diffIds = null;
    Descriptor config = manifest.config();
    try (BlobStream in = image.getBlob(config.digest())) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length != config.size()) {
        problems.add(sizeProblem("config " + config.digest(), config.size(), bytes.length));
      }
      diffIds = ImageConfig.diffIds(bytes, config.digest().toString());
    } catch (ArchiveException e) {
      problems.add(new Problem(Severity.ERROR, e.rule(), 0, e.getMessage()));
    } catch (IOException e) {
      problems.add(
          new Problem(Severity.ERROR, "OAR-5", 0, "reading config " + config.digest() + ": " + e));
    }
    List<Descriptor> layers = manifest.layers();
    if (diffIds != null && diffIds.size() != layers.size()) {
      problems.add(
          new Problem(
              Severity.ERROR,
              "SRC-2",
              0,
              "the manifest lists "
                  + layers.size()
                  + " layers, the config "
                  + diffIds.size()
                  + " diffIDs"));
    }
    long total = layers.stream().mapToLong(Descriptor::size).sum();
    long done = 0;
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      Digest expected = diffIds != null && i < diffIds.size() ? diffIds.get(i) : null;
      checkLayer(image, layer, i, expected, problems);
      done += layer.size();
      listener.progress(done, total);
    }
    return new VerificationReport(1, diffIds == null ? 0 : 1, layers.size(), problems);
  }

  private static void checkLayer(
      ImageInput image, Descriptor layer, int index, Digest diffId, List<Problem> problems) {
    String what = "layer " + index + " (" + layer.digest() + ")";
    try (BlobStream stored = image.getBlob(layer.digest());
        NonClosingStream counted = new NonClosingStream(stored)) {
      if (stored.size() != layer.size()) {
        problems.add(sizeProblem(what, layer.size(), stored.size()));
      }
      BufferedInputStream buffered = new BufferedInputStream(counted, BUFFER);
      buffered.mark(Compression.MAGIC_LENGTH);
      byte[] head = buffered.readNBytes(Compression.MAGIC_LENGTH);
      buffered.reset();
      Compression compression = Compression.detect(head, head.length);
      String algorithm = diffId == null ? Digest.SHA256 : diffId.algorithm();
      MessageDigest md = Digest.newMessageDigest(algorithm);
      byte[] buffer = new byte[BUFFER];
      try (InputStream content = compression.decompress(buffered)) {
        int n;
        while ((n = content.read(buffer)) >= 0) {
          md.update(buffer, 0, n);
        }
      }
      // Read what the decompressor left, so the stored digest is checked to the last byte.
      while (counted.read(buffer) >= 0) {
        // discard
      }
      Digest actual = Digest.of(algorithm, md.digest());
      if (diffId != null && !actual.equals(diffId)) {
        problems.add(
            new Problem(
                Severity.ERROR,
                "SRC-7",
                0,
                what + ": content hashes to " + actual + " but the config lists diffID " + diffId));
      }
    } catch (ArchiveException e) {
      problems.add(new Problem(Severity.ERROR, e.rule(), 0, e.getMessage()));
    } catch (IOException e) {
      problems.add(
          new Problem(Severity.ERROR, "OAR-5", 0, "reading " + what + ": " + e.getMessage()));
    }
  }

  private static Problem sizeProblem(String what, long expected, long actual) {
    return new Problem(
        Severity.ERROR,
        "OAR-5",
        0,
        what + ": its descriptor gives size " + expected + ", the blob holds " + actual + " bytes");
  }

  /** Keeps the stored blob open when the decompressor closes, so its rest can be drained. */
  private static final class NonClosingStream extends java.io.FilterInputStream {
    NonClosingStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The BlobStream is closed by its own try-with-resources.
    }
  }
}
