package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.Expectation.reject;
import static io.github.dockerarchive.testkit.hostile.Expectation.valid;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.synthetic.FailureStage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Byte-building helpers the case families share: the base image, its tar, and case factories. */
final class CaseSupport {
  private CaseSupport() {}

  /**
   * What a group of rejecting cases shares: the rule, the exception type, the message fragment and
   * the stage; {@link #of} adds what each case has of its own.
   */
  record Refusal(
      String rule, Class<? extends ArchiveException> type, String fragment, FailureStage stage) {
    /** The same refusal with another message fragment. */
    Refusal saying(String other) {
      return new Refusal(rule, type, other, stage);
    }

    /** A case read with the default options that is refused this way. */
    HostileCase of(String name, String description, Supplier<byte[]> bytes) {
      return rejecting(name, description, bytes, rule, type, fragment, stage);
    }
  }

  /** A malformed tar refused on opening with the byte offset of the fault (SAFE-4). */
  static final Refusal MALFORMED =
      new Refusal("SAFE-4", MalformedArchiveException.class, "byte offset", FailureStage.OPEN);

  /** A layer that {@code manifest.json} names but the tar does not hold (ARC-2). */
  static final Refusal MISSING =
      new Refusal(
          "ARC-2", EntryNotFoundException.class, "is missing in the tarball", FailureStage.LOAD);

  /** A tar that ends cleanly before {@code manifest.json} (RD-4). */
  static final Refusal NO_MANIFEST =
      new Refusal(
          "RD-4",
          EntryNotFoundException.class,
          "\"manifest.json\": file does not exist",
          FailureStage.OPEN);

  /** The two-layer image most byte-level cases damage. */
  static HandmadeImage base() {
    return new HandmadeImage()
        .tags("hostile/base:1")
        .layer(Layer.of("a.txt", "alpha"))
        .layer(Layer.of("b.txt", "beta"));
  }

  /** The {@code docker save} tar of {@link #base()}. */
  static byte[] baseTar() {
    return HandmadeImage.archive(base()).build();
  }

  /** The blobs of an image, then {@code extra} entries, then the given {@code manifest.json}. */
  static byte[] withManifest(HandmadeImage image, byte[] manifest, Consumer<HandmadeTar> extra) {
    HandmadeTar tar = blobs(image);
    extra.accept(tar);
    tar.file("manifest.json", manifest);
    return tar.build();
  }

  /** A tar builder holding the layers and the config of an image, but no {@code manifest.json}. */
  static HandmadeTar blobs(HandmadeImage image) {
    HandmadeTar tar = new HandmadeTar();
    for (int i = 0; i < image.layers().size(); i++) {
      tar.file(image.blobPath(i), image.storedLayer(i));
    }
    tar.file(image.configPath(), image.configBytes());
    return tar;
  }

  /** The UTF-8 bytes of a string. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A manifest.json of one item with the base image's config and layers, edited. */
  static byte[] item(
      HandmadeImage image, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> e) {
    com.fasterxml.jackson.databind.node.ObjectNode item = image.manifestItem();
    e.accept(item);
    return HandmadeImage.toJson(HandmadeImage.JSON.createArrayNode().add(item));
  }

  /** A source writing the bytes the supplier makes, anew on each write. */
  static HostileCase.Source bytes(Supplier<byte[]> bytes) {
    return file -> Files.write(file, bytes.get());
  }

  /** A case read with the default options that a correct reader refuses. */
  static HostileCase rejecting(
      String name,
      String description,
      Supplier<byte[]> bytes,
      String rule,
      Class<? extends ArchiveException> type,
      String fragment,
      FailureStage stage) {
    return new HostileCase(
        name,
        description,
        bytes(bytes),
        UnaryOperator.identity(),
        true,
        null,
        false,
        reject(rule, type, fragment, stage));
  }

  /** A case read with the default options that is legal and reads fully. */
  static HostileCase accepting(
      String name, String description, HostileCase.Source source, int images) {
    return new HostileCase(
        name, description, source, UnaryOperator.identity(), true, null, false, valid(images));
  }

  /** The offset of the header of the entry {@code name} in a tar. */
  static int header(byte[] tar, String name) {
    return TarPatch.headerOffset(tar, name);
  }

  /** The offset just after the padded data of the entry {@code name} in a tar. */
  static long paddedEnd(byte[] tar, String name) {
    int h = header(tar, name);
    long size = Long.parseLong(TarPatch.field(tar, h + TarPatch.SIZE, TarPatch.SIZE_LEN).trim(), 8);
    return h + 512 + (size + 511) / 512 * 512;
  }

  /** The tar of {@link #base()} with its config replaced by the given bytes. */
  static byte[] configIs(byte[] config) {
    HandmadeImage b = base().rawConfig(config);
    return HandmadeImage.archive(b).build();
  }

  /**
   * A raw tar of the entries of {@link #baseTar()} without its end-of-archive marker, with {@code
   * before} written ahead of them and {@code after} behind them, then a marker.
   */
  static byte[] aroundBase(byte[] tar, Consumer<RawTar> before, Consumer<RawTar> after) {
    RawTar t = RawTar.inMemory();
    before.accept(t);
    t.raw(Arrays.copyOf(tar, (int) paddedEnd(tar, "manifest.json")));
    after.accept(t);
    return t.trailer().bytes();
  }

  /**
   * A raw tar of the layers of an image, then {@code afterLayers}, then its config, then {@code
   * last} (which writes a {@code manifest.json} or not), then an end-of-archive marker.
   */
  static byte[] rawImage(HandmadeImage image, Consumer<RawTar> afterLayers, Consumer<RawTar> last) {
    RawTar t = RawTar.inMemory();
    for (int i = 0; i < image.layers().size(); i++) {
      t.file(image.blobPath(i), image.storedLayer(i));
    }
    afterLayers.accept(t);
    t.file(image.configPath(), image.configBytes());
    last.accept(t);
    return t.trailer().bytes();
  }

  /** {@code bytes} padded with spaces to {@code length} bytes. */
  static byte[] padded(byte[] bytes, int length) {
    byte[] padded = Arrays.copyOf(bytes, length);
    Arrays.fill(padded, bytes.length, length, (byte) ' ');
    return padded;
  }
}
