package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.CleanupMode;

/** Turns a {@link SyntheticArchive} annotation and the settings into an {@link ArchiveSpec}. */
final class AnnotationSpecs {
  private AnnotationSpecs() {}

  /**
   * The spec a declaration asks for.
   *
   * @param declaration the annotated field or parameter
   * @param settings the defaults for unset attributes
   * @param loader where {@link SyntheticArchive#spec()} resources are looked up
   * @return the spec
   * @throws ExtensionConfigurationException naming the declaration when the attributes are invalid
   */
  static ArchiveSpec toSpec(Declaration declaration, Settings settings, ClassLoader loader) {
    SyntheticArchive a = declaration.annotation();
    ArchiveSpec base =
        a.spec().isEmpty() ? shape(declaration, settings) : load(declaration, loader);
    ArchiveSpec.Builder b = base.toBuilder();
    Dialect dialect = single(declaration, "dialect", a.dialect());
    Compression compression = single(declaration, "compression", a.compression());
    Compression layers = single(declaration, "layerCompression", a.layerCompression());
    boolean fromShape = a.spec().isEmpty();
    if (dialect != null || fromShape) {
      b.dialect(dialect != null ? dialect : settings.dialect());
    }
    if (compression != null || fromShape) {
      b.compression(compression != null ? compression : settings.compression());
    }
    if (a.corruption() != Corruption.NONE) {
      b.corruption(a.corruption());
    }
    if (a.seed() != SyntheticArchive.UNSET_SEED || fromShape) {
      b.seed(a.seed() != SyntheticArchive.UNSET_SEED ? a.seed() : settings.seed());
    }
    ArchiveSpec spec = b.build();
    Compression stored = layers != null ? layers : fromShape ? settings.layerCompression() : null;
    return stored == null ? spec : withLayerCompression(spec, stored);
  }

  /**
   * The cleanup mode a declaration asks for.
   *
   * @param declaration the declaration
   * @param settings the defaults
   * @return never {@link CleanupMode#DEFAULT}
   */
  static CleanupMode cleanup(Declaration declaration, Settings settings) {
    CleanupMode mode = declaration.annotation().cleanup();
    return mode == CleanupMode.DEFAULT ? settings.cleanup() : mode;
  }

  /** The default shape: images × layers of one seeded file each. */
  private static ArchiveSpec shape(Declaration declaration, Settings settings) {
    SyntheticArchive a = declaration.annotation();
    int images = count(declaration, "images", a.images(), settings.images());
    int layers = count(declaration, "layers", a.layers(), settings.layers());
    int size = count(declaration, "layerSize", a.layerSize(), settings.layerSize());
    if (a.tags().length > images) {
      throw invalid(
          declaration, "tags has " + a.tags().length + " entries for " + images + " image(s)");
    }
    ArchiveSpec.Builder b = ArchiveSpec.builder();
    for (int i = 0; i < images; i++) {
      List<LayerSpec> layerSpecs = new ArrayList<>(layers);
      for (int j = 0; j < layers; j++) {
        layerSpecs.add(LayerSpec.of(FileSpec.file("data/" + i + "-" + j + ".bin", size)));
      }
      b.image(new ImageSpec(tags(a.tags(), i), layerSpecs, null));
    }
    return b.build();
  }

  static List<String> tags(String[] tags, int image) {
    if (image >= tags.length) {
      return List.of("test/image-" + image + ":latest");
    }
    List<String> out = new ArrayList<>();
    for (String t : tags[image].split(",")) {
      if (!t.isBlank()) {
        out.add(t.trim());
      }
    }
    return out;
  }

  private static ArchiveSpec load(Declaration declaration, ClassLoader loader) {
    SyntheticArchive a = declaration.annotation();
    if (a.images() >= 0 || a.layers() >= 0 || a.layerSize() >= 0 || a.tags().length > 0) {
      throw invalid(
          declaration,
          "spec = \""
              + a.spec()
              + "\" cannot be combined with images, layers, layerSize or tags; put them in the spec");
    }
    String name = a.spec();
    String json;
    try {
      URL resource = loader.getResource(name.startsWith("/") ? name.substring(1) : name);
      if (resource != null) {
        try (InputStream in = resource.openStream()) {
          json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } else if (Files.isRegularFile(Path.of(name))) {
        json = Files.readString(Path.of(name));
      } else {
        throw invalid(
            declaration,
            "spec \""
                + name
                + "\" is neither a class path resource nor a file (working directory "
                + Path.of("").toAbsolutePath()
                + ")");
      }
      return SpecFiles.parse(json);
    } catch (ExtensionConfigurationException e) {
      throw e;
    } catch (Exception e) {
      throw new ExtensionConfigurationException(
          "@SyntheticArchive on "
              + declaration.description()
              + ": cannot read spec \""
              + name
              + "\": "
              + e.getMessage(),
          e);
    }
  }

  private static ArchiveSpec withLayerCompression(ArchiveSpec spec, Compression stored) {
    List<ImageSpec> images = new ArrayList<>();
    for (ImageSpec image : spec.images()) {
      List<LayerSpec> layers = new ArrayList<>();
      for (LayerSpec layer : image.layers()) {
        layers.add(layer.withCompression(stored));
      }
      images.add(new ImageSpec(image.tags(), layers, image.config()));
    }
    return new ArchiveSpec(
        images, spec.dialect(), spec.compression(), spec.corruption(), spec.seed());
  }

  private static int count(Declaration declaration, String attribute, int value, int fallback) {
    if (value < -1) {
      throw invalid(declaration, attribute + " = " + value + " must be 0 or more");
    }
    return value == -1 ? fallback : value;
  }

  private static <T> T single(Declaration declaration, String attribute, T[] values) {
    if (values.length > 1) {
      throw invalid(declaration, attribute + " takes at most one value, got " + List.of(values));
    }
    return values.length == 0 ? null : values[0];
  }

  static ExtensionConfigurationException invalid(Declaration declaration, String problem) {
    return new ExtensionConfigurationException(
        "@SyntheticArchive on " + declaration.description() + ": " + problem);
  }
}
