package io.github.dockerarchive.testkit.bench;

import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.json.GoJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.commons.io.output.TeeOutputStream;

/**
 * Writes large benchmark archives quickly: each layer is an uncompressed tar holding one file of
 * seeded pseudo-random bytes, hashed while written.
 */
final class BenchArchives {
  private static final int CHUNK = 1 << 20;
  private static final byte[] TEXT =
      "etaoinshrdlucmfwypvbgkjqxz .,\n-'".getBytes(StandardCharsets.US_ASCII);

  private BenchArchives() {}

  /** A minimal image config: platform and the layers' diffIDs. */
  private static byte[] config(List<String> diffIds) {
    return new GoJson()
        .beginObject()
        .field("architecture", "amd64")
        .field("os", "linux")
        .name("rootfs")
        .beginObject()
        .field("type", "layers")
        .name("diff_ids")
        .stringArray(diffIds)
        .endObject()
        .endObject()
        .toBytes();
  }

  /**
   * Writes an archive of {@code layers} tiny layers (one 1 KiB file each), the shape of the scaling
   * benchmark: thousands of layers in well under a second, since each layer's content buffer is
   * only as large as its file.
   */
  static Path writeSmallLayers(Path file, int layers, long seed) throws IOException {
    return write(file, layers, 1024, seed);
  }

  /** Writes an archive of {@code layers} layers whose files hold {@code layerBytes} bytes each. */
  static Path write(Path file, int layers, long layerBytes, long seed) throws IOException {
    List<String> layerNames = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512)) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < layers; i++) {
        LayerBytes layer = new LayerBytes(random.split(), layerBytes, "data" + i + ".bin");
        DigestSink measured = layer.measure();
        Digest diffId = Digest.ofSha256(measured.md.digest());
        String name = diffId.hex() + ".tar";
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(measured.count);
        tar.putArchiveEntry(entry);
        layer.writeTo(tar);
        tar.closeArchiveEntry();
        layerNames.add(name);
        diffIds.add(diffId.toString());
      }
      byte[] configBytes = config(diffIds);
      String configName = Digest.sha256(configBytes).hex() + ".json";
      put(tar, configName, configBytes);
      byte[] manifest =
          ManifestJson.GO_MARSHAL.encode(
              List.of(
                  new ManifestJson.Item(
                      configName, List.of("bench/image:latest"), layerNames, null)));
      put(tar, "manifest.json", manifest);
    }
    return file;
  }

  /**
   * Writes an OCI image layout with one image of {@code layers} uncompressed layers, named {@code
   * name} in {@code index.json}.
   */
  static Path writeOciLayout(Path dir, int layers, long layerBytes, long seed, String name)
      throws IOException {
    return writeOciLayout(dir, layers, layerBytes, seed, name, false);
  }

  /**
   * Writes an OCI image layout with one image of {@code layers} layers, named {@code name} in
   * {@code index.json}; with {@code gzip}, the layers are gzip-compressed (JDK deflate, default
   * level) and their files hold text-like bytes (32 symbols) that compress to about two thirds, as
   * a copy into a docker-archive has to decompress them.
   */
  static Path writeOciLayout(
      Path dir, int layers, long layerBytes, long seed, String name, boolean gzip)
      throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    SplittableRandom random = new SplittableRandom(seed);
    List<String> diffIds = new ArrayList<>();
    GoJson layerDescriptors = new GoJson().beginArray();
    for (int i = 0; i < layers; i++) {
      LayerBytes layer = new LayerBytes(random.split(), layerBytes, "data" + i + ".bin", gzip);
      Path temp = blobs.resolve("layer.tmp");
      DigestSink plain = new DigestSink(Digest.newSha256());
      DigestSink stored = new DigestSink(Digest.newSha256());
      try (OutputStream file = Files.newOutputStream(temp)) {
        OutputStream sink = new TeeOutputStream(stored, file);
        if (gzip) {
          try (GZIPOutputStream compressed =
              new GZIPOutputStream(CloseShieldOutputStream.wrap(sink), CHUNK)) {
            layer.writeTo(new TeeOutputStream(plain, compressed));
          }
        } else {
          layer.writeTo(new TeeOutputStream(plain, sink));
        }
      }
      Digest diffId = Digest.ofSha256(plain.md.digest());
      Digest digest = Digest.ofSha256(stored.md.digest());
      Files.move(temp, blobs.resolve(digest.hex()), StandardCopyOption.REPLACE_EXISTING);
      diffIds.add(diffId.toString());
      layerDescriptors
          .beginObject()
          .field("mediaType", gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER_TAR)
          .field("digest", digest.toString())
          .field("size", stored.count)
          .endObject();
    }
    layerDescriptors.endArray();
    byte[] config = config(diffIds);
    Digest configDigest = Digest.sha256(config);
    Files.write(blobs.resolve(configDigest.hex()), config);
    byte[] manifest =
        new GoJson()
            .beginObject()
            .field("schemaVersion", 2)
            .field("mediaType", MediaTypes.OCI_MANIFEST)
            .name("config")
            .beginObject()
            .field("mediaType", MediaTypes.OCI_CONFIG)
            .field("digest", configDigest.toString())
            .field("size", config.length)
            .endObject()
            .name("layers")
            .raw(layerDescriptors.toString())
            .endObject()
            .toBytes();
    Digest manifestDigest = Digest.sha256(manifest);
    Files.write(blobs.resolve(manifestDigest.hex()), manifest);
    Files.write(
        dir.resolve("index.json"),
        new GoJson()
            .beginObject()
            .field("schemaVersion", 2)
            .name("manifests")
            .beginArray()
            .beginObject()
            .field("mediaType", MediaTypes.OCI_MANIFEST)
            .field("digest", manifestDigest.toString())
            .field("size", manifest.length)
            .name("annotations")
            .beginObject()
            .field("org.opencontainers.image.ref.name", name)
            .endObject()
            .endObject()
            .endArray()
            .endObject()
            .toBytes());
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return dir;
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  /**
   * One layer: a tar with one file. Generated twice from the same seed (once to hash, once to
   * write), so nothing large is held in memory.
   */
  private static final class LayerBytes {
    private final long seed;
    private final long fileBytes;
    private final String fileName;
    private final boolean textLike;

    LayerBytes(SplittableRandom random, long fileBytes, String fileName) {
      this(random, fileBytes, fileName, false);
    }

    LayerBytes(SplittableRandom random, long fileBytes, String fileName, boolean textLike) {
      this.seed = random.nextLong();
      this.fileBytes = fileBytes;
      this.fileName = fileName;
      this.textLike = textLike;
    }

    DigestSink measure() throws IOException {
      DigestSink sink = new DigestSink(Digest.newSha256());
      writeTo(sink);
      return sink;
    }

    void writeTo(OutputStream out) throws IOException {
      OutputStream shield = CloseShieldOutputStream.wrap(out);
      try (TarArchiveOutputStream layer = new TarArchiveOutputStream(shield, 512)) {
        layer.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry e = new TarArchiveEntry(fileName);
        e.setSize(fileBytes);
        e.setModTime(0);
        layer.putArchiveEntry(e);
        SplittableRandom random = new SplittableRandom(seed);
        // No larger than the file (rounded up to whole longs): a 1 MiB buffer filled twice per
        // 1 KiB layer made 5,000-layer archives take 10 GiB of random filling. The bytes written
        // are the same, since a chunk's prefix does not depend on the chunk's length.
        byte[] chunk = new byte[(int) Math.min(CHUNK, (fileBytes + 7) & ~7L)];
        long left = fileBytes;
        while (left > 0) {
          fill(random, chunk, textLike);
          int n = (int) Math.min(chunk.length, left);
          layer.write(chunk, 0, n);
          left -= n;
        }
        layer.closeArchiveEntry();
      }
    }

    private static void fill(SplittableRandom random, byte[] chunk, boolean textLike) {
      for (int i = 0; i < chunk.length; i += 8) {
        long v = random.nextLong();
        for (int b = 0; b < 8; b++) {
          byte x = (byte) (v >>> (8 * b));
          chunk[i + b] = textLike ? TEXT[x & 31] : x;
        }
      }
    }
  }

  private static final class DigestSink extends OutputStream {
    private final MessageDigest md;
    private long count;

    DigestSink(MessageDigest md) {
      this.md = md;
    }

    @Override
    public void write(int b) {
      md.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      md.update(b, off, len);
      count += len;
    }
  }
}
