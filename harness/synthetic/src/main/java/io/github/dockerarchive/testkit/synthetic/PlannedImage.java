package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.digest.Digest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One image ready to be laid out: its tags as given in the spec (merged when several spec images
 * have the same config), its layer blobs bottom first, its config bytes and digest, and the hex its
 * config entry is named by (another one for CONFIG_DIGEST_MISMATCH).
 */
final class PlannedImage {
  final List<String> tags;
  final ConfigSpec configSpec;
  final List<LayerBlob> layers;
  final byte[] config;
  final Digest configDigest;
  String configNameHex;

  PlannedImage(List<String> tags, ConfigSpec configSpec, List<LayerBlob> layers, byte[] config) {
    this.tags = new ArrayList<>(tags);
    this.configSpec = configSpec;
    this.layers = List.copyOf(layers);
    this.config = config;
    this.configDigest = Digest.sha256(config);
    this.configNameHex = configDigest.hex();
  }

  List<Digest> diffIds() {
    return layers.stream().map(l -> l.diffId).toList();
  }

  List<Digest> storedDigests() {
    return layers.stream().map(l -> l.storedDigest).toList();
  }

  /** The config's {@code created} time in seconds since the epoch, 0 when absent or unparsable. */
  long createdSeconds() {
    String created = configSpec.created();
    if (created == null) {
      return 0;
    }
    try {
      return Math.max(0, OffsetDateTime.parse(created).toEpochSecond());
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
