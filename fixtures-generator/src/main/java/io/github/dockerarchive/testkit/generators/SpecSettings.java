package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The settings of a {@link SpecArbitrary}: immutable, each list sorted by enum order so that the
 * simplest value (the first constant) is what shrinking reaches first.
 */
record SpecSettings(
    int minImages,
    int maxImages,
    int minLayers,
    int maxLayers,
    int minFiles,
    int maxFiles,
    long maxFileSize,
    int maxTags,
    boolean sharedLayers,
    List<Dialect> dialects,
    List<Compression> compressions,
    List<Compression> layerCompressions,
    boolean dialectDefaultLayers,
    List<Corruption> corruptions) {

  /** 1 to 3 images of 0 to 4 layers of 0 to 4 files up to 8 KiB; every dialect and compression. */
  static SpecSettings defaults() {
    return new SpecSettings(
        1,
        3,
        0,
        4,
        0,
        4,
        8 << 10,
        3,
        true,
        List.of(Dialect.values()),
        List.of(Compression.values()),
        List.of(Compression.values()),
        true,
        List.of(Corruption.NONE));
  }

  SpecSettings {
    range("images", minImages, maxImages, 1);
    range("layers", minLayers, maxLayers, 0);
    range("files", minFiles, maxFiles, 0);
    if (maxFileSize < 0 || maxTags < 0) {
      throw new IllegalArgumentException("sizes and tag counts cannot be negative");
    }
    dialects = sorted(dialects, "dialect");
    compressions = sorted(compressions, "compression");
    layerCompressions = List.copyOf(layerCompressions);
    if (layerCompressions.isEmpty() && !dialectDefaultLayers) {
      throw new IllegalArgumentException("at least one layer compression is needed");
    }
    layerCompressions = layerCompressions.stream().sorted().toList();
    corruptions = sorted(corruptions, "corruption");
    if (minImages > 1
        && dialects.stream().allMatch(d -> d == Dialect.JIB || d == Dialect.JIB_LEGACY)) {
      throw new IllegalArgumentException(
          "the jib dialects write exactly one image, but at least " + minImages + " are asked for");
    }
  }

  private static void range(String what, int min, int max, int lowest) {
    if (min < lowest || max < min) {
      throw new IllegalArgumentException(
          "number of " + what + ": need " + lowest + " <= min <= max, got " + min + ".." + max);
    }
  }

  private static <E extends Enum<E>> List<E> sorted(List<E> values, String what) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("at least one " + what + " is needed");
    }
    return values.stream().distinct().sorted().toList();
  }

  /** Whether a spec keeps within these settings (used to pick the edge cases that apply). */
  boolean admits(ArchiveSpec spec) {
    if (spec.images().size() < minImages
        || spec.images().size() > maxImages
        || !dialects.contains(spec.dialect())
        || !compressions.contains(spec.compression())
        || !corruptions.contains(spec.corruption())) {
      return false;
    }
    for (ImageSpec image : spec.images()) {
      if (image.layers().size() < minLayers
          || image.layers().size() > maxLayers
          || image.tags().size() > maxTags) {
        return false;
      }
      for (LayerSpec layer : image.layers()) {
        boolean storage =
            layer.compression() == null
                ? dialectDefaultLayers
                : layerCompressions.contains(layer.compression());
        if (!storage || layer.files().size() < minFiles || layer.files().size() > maxFiles) {
          return false;
        }
        for (FileSpec f : layer.files()) {
          if (f.size() > maxFileSize) {
            return false;
          }
        }
      }
    }
    return true;
  }

  SpecSettings withImages(int min, int max) {
    return with(
        d -> {
          d.minImages = min;
          d.maxImages = max;
        });
  }

  SpecSettings withLayers(int min, int max) {
    return with(
        d -> {
          d.minLayers = min;
          d.maxLayers = max;
        });
  }

  SpecSettings withFiles(int min, int max) {
    return with(
        d -> {
          d.minFiles = min;
          d.maxFiles = max;
        });
  }

  SpecSettings withMaxFileSize(long max) {
    return with(d -> d.maxFileSize = max);
  }

  SpecSettings withMaxTags(int max) {
    return with(d -> d.maxTags = max);
  }

  SpecSettings withSharedLayers(boolean shared) {
    return with(d -> d.sharedLayers = shared);
  }

  SpecSettings withDialects(Dialect... values) {
    return with(d -> d.dialects = Arrays.asList(values));
  }

  SpecSettings withCompressions(Compression... values) {
    return with(d -> d.compressions = Arrays.asList(values));
  }

  SpecSettings withLayerCompressions(boolean dialectDefault, Compression... values) {
    return with(
        d -> {
          d.layerCompressions = Arrays.asList(values);
          d.dialectDefaultLayers = dialectDefault;
        });
  }

  SpecSettings withCorruptions(List<Corruption> values) {
    return with(d -> d.corruptions = values);
  }

  /** A copy with some settings changed; the copy is validated as any new settings are. */
  private SpecSettings with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new SpecSettings(
        d.minImages,
        d.maxImages,
        d.minLayers,
        d.maxLayers,
        d.minFiles,
        d.maxFiles,
        d.maxFileSize,
        d.maxTags,
        d.sharedLayers,
        d.dialects,
        d.compressions,
        d.layerCompressions,
        d.dialectDefaultLayers,
        d.corruptions);
  }

  /** The settings while a wither changes them. */
  private static final class Draft {
    int minImages;
    int maxImages;
    int minLayers;
    int maxLayers;
    int minFiles;
    int maxFiles;
    long maxFileSize;
    int maxTags;
    boolean sharedLayers;
    List<Dialect> dialects;
    List<Compression> compressions;
    List<Compression> layerCompressions;
    boolean dialectDefaultLayers;
    List<Corruption> corruptions;

    Draft(SpecSettings s) {
      minImages = s.minImages;
      maxImages = s.maxImages;
      minLayers = s.minLayers;
      maxLayers = s.maxLayers;
      minFiles = s.minFiles;
      maxFiles = s.maxFiles;
      maxFileSize = s.maxFileSize;
      maxTags = s.maxTags;
      sharedLayers = s.sharedLayers;
      dialects = s.dialects;
      compressions = s.compressions;
      layerCompressions = s.layerCompressions;
      dialectDefaultLayers = s.dialectDefaultLayers;
      corruptions = s.corruptions;
    }
  }
}
