package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.item;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.paddedEnd;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.Expectation.reject;
import static io.github.dockerarchive.testkit.hostile.HostileCorpus.CAP;
import static io.github.dockerarchive.testkit.hostile.HostileCorpus.GIB;
import static io.github.dockerarchive.testkit.hostile.HostileCorpus.ZEROS_1GIB_SHA256;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.FailureStage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.apiguardian.api.API;

/**
 * Decompression bombs and broken compressed data: a gzip layer and a gzip archive that inflate to 1
 * GiB of zeros (legal without a cap, refused with a cap of {@link HostileCorpus#CAP}), an xz layer
 * asking for a 192 MiB dictionary, and a layer that starts with the gzip magic and continues with
 * garbage.
 *
 * <p>Exercises SAFE-3 (decompressed sizes are capped, and uncapped inputs are streamed in bounded
 * memory) and ARC-5 (a layer that cannot be decompressed is refused with a typed error, never an
 * {@link OutOfMemoryError}). The uncapped bombs are {@link HostileCase#big() big}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CompressionCases {
  private CompressionCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    return List.of(
        accepting(
                "gzip-bomb-layer-uncapped",
                "a 1 MiB gzip layer that inflates to 1 GiB of zeros, without a cap: legal, read"
                    + " fully in bounded memory (streamed, never buffered)",
                layerBomb(),
                1)
            .asBig(),
        capped(
            "gzip-bomb-layer-capped",
            "the same layer with ReaderOptions.withMaxLayerSize(64 MiB): refused at the cap",
            layerBomb(),
            o -> o.withMaxLayerSize(CAP),
            LOAD),
        accepting(
                "gzip-bomb-archive-uncapped",
                "a gzip archive whose tar holds a 1 GiB entry of zeros, without a cap: legal,"
                    + " decompressed to a temporary file that is deleted",
                archiveBomb(),
                1)
            .asBig(),
        capped(
            "gzip-bomb-archive-capped",
            "the same archive with ReaderOptions.withMaxArchiveSize(64 MiB): refused at the cap,"
                + " the partial temporary file deleted",
            archiveBomb(),
            o -> o.withMaxArchiveSize(CAP),
            OPEN),
        accepting(
                "gzip-padding-after-end-marker",
                "a gzip archive whose tar is followed by 1 GiB of zeros after its last entry:"
                    + " Go's archive/tar stops at the two zero blocks that follow, and so does the"
                    + " reader, which decompresses nothing after them (ARC-9)",
                paddedArchive(),
                1)
            .asBig(),
        badFirstLayer(
            "xz-huge-dictionary-layer",
            "an xz layer whose header asks for a 192 MiB dictionary: more than a small heap has;"
                + " it must be refused with a typed error, never an OutOfMemoryError",
            "a.tar.xz",
            b -> hugeDictionaryXz(b.storedLayer(0))),
        badFirstLayer(
            "gzip-magic-garbage-layer",
            "a layer that starts with the gzip magic and continues with garbage",
            "junk.tar.gz",
            b -> {
              byte[] junk = new byte[2048];
              new java.util.Random(7).nextBytes(junk);
              junk[0] = 0x1f;
              junk[1] = (byte) 0x8b;
              junk[2] = 8;
              junk[3] = 0;
              return junk;
            }));
  }

  /** A case read with a cap ({@code options}) that the bomb exceeds (SAFE-3). */
  private static HostileCase capped(
      String name,
      String description,
      HostileCase.Source bomb,
      UnaryOperator<ReaderOptions> options,
      FailureStage stage) {
    return new HostileCase(
        name,
        description,
        bomb,
        options,
        false,
        null,
        false,
        reject(
            "SAFE-3",
            LimitExceededException.class,
            "decompresses to more than the limit of " + CAP + " bytes",
            stage));
  }

  /**
   * The base image with its first layer stored as {@code entry} holding the bytes {@code stored}
   * makes, which a correct reader refuses to decompress, naming the entry (ARC-5).
   */
  private static HostileCase badFirstLayer(
      String name, String description, String entry, Function<HandmadeImage, byte[]> stored) {
    return rejecting(
        name,
        description,
        () -> {
          HandmadeImage b = base();
          HandmadeTar t = new HandmadeTar();
          t.file(entry, stored.apply(b));
          t.file(b.blobPath(1), b.storedLayer(1));
          t.file(b.configPath(), b.configBytes());
          t.file("manifest.json", item(b, i -> i.putArray("Layers").add(entry).add(b.blobPath(1))));
          return t.build();
        },
        "ARC-5",
        MalformedArchiveException.class,
        entry,
        LOAD);
  }

  /** gzip members of 1 MiB of zeros each, concatenated: a valid gzip stream of {@code mib} MiB. */
  static void writeZeroMembers(OutputStream out, long mib) throws IOException {
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(one)) {
      gz.write(new byte[1 << 20]);
    }
    byte[] member = one.toByteArray();
    for (long i = 0; i < mib; i++) {
      out.write(member);
    }
  }

  private static HostileCase.Source layerBomb() {
    return file -> {
      ByteArrayOutputStream layer = new ByteArrayOutputStream();
      writeZeroMembers(layer, GIB >> 20);
      byte[] stored = layer.toByteArray();
      HandmadeImage b = base();
      com.fasterxml.jackson.databind.node.ObjectNode config = b.configNode();
      config
          .putObject("rootfs")
          .put("type", "layers")
          .putArray("diff_ids")
          .add(ZEROS_1GIB_SHA256.toString());
      byte[] configBytes = HandmadeImage.toJson(config);
      String configPath = Digest.sha256(configBytes).hex() + ".json";
      HandmadeTar t = new HandmadeTar();
      t.file("bomb.tar.gz", stored);
      t.file(configPath, configBytes);
      t.file(
          "manifest.json",
          "[{\"Config\":\""
              + configPath
              + "\",\"RepoTags\":[\"hostile/bomb:1\"],"
              + "\"Layers\":[\"bomb.tar.gz\"]}]");
      t.writeTo(file);
    };
  }

  /** A 1 GiB entry of zeros (an unreferenced file) inside a gzip-compressed archive. */
  private static HostileCase.Source archiveBomb() {
    return file -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(RawTar.header("zeros.bin".getBytes(StandardCharsets.UTF_8), GIB, '0', ""));
          gz.finish();
        }
      }
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND), 1 << 16)) {
        writeZeroMembers(out, GIB >> 20);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(baseTar());
        }
      }
    };
  }

  private static HostileCase.Source paddedArchive() {
    return file -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(head)) {
          byte[] tar = baseTar();
          gz.write(tar, 0, (int) paddedEnd(tar, "manifest.json"));
        }
        out.write(head.toByteArray());
        writeZeroMembers(out, GIB >> 20);
      }
    };
  }

  /**
   * An xz stream of {@code data} whose LZMA2 dictionary-size byte is patched to 192 MiB, with the
   * block header's CRC32 fixed, so only the memory it asks for is hostile.
   */
  static byte[] hugeDictionaryXz(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (org.tukaani.xz.XZOutputStream xz =
        new org.tukaani.xz.XZOutputStream(bytes, new org.tukaani.xz.LZMA2Options(0))) {
      xz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] x = bytes.toByteArray();
    int blockHeader = 12;
    int headerSize = ((x[blockHeader] & 0xff) + 1) * 4;
    // Block header: size, flags, filter ID 0x21 (LZMA2), properties size 1, dictionary byte.
    int filter = blockHeader + 2;
    if (x[filter] != 0x21 || x[filter + 1] != 1) {
      throw new IllegalStateException("unexpected xz block header");
    }
    x[filter + 2] = 31; // (2 | 1) << (31 / 2 + 11) = 192 MiB
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(x, blockHeader, headerSize - 4);
    long v = crc.getValue();
    for (int i = 0; i < 4; i++) {
      x[blockHeader + headerSize - 4 + i] = (byte) (v >>> (8 * i));
    }
    return x;
  }
}
