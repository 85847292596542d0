package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;

/**
 * The defaults an unset annotation attribute falls back to, resolved once per run and builder:
 * builder values first, then configuration parameters, then the built-in defaults.
 */
record Settings(
    Path tempRoot,
    CleanupMode cleanup,
    Dialect dialect,
    Compression compression,
    Compression layerCompression,
    long seed,
    boolean cache,
    int images,
    int layers,
    int layerSize) {

  /** What a {@link DockerArchiveExtension.Builder} set; null means unset. */
  record Programmatic(
      Path tempRoot, CleanupMode cleanup, Dialect dialect, Long seed, Boolean cache) {
    static final Programmatic NONE = new Programmatic(null, null, null, null, null);
  }

  private record Key(Programmatic programmatic) {}

  /**
   * The settings for an extension context, computed once per run (in the root store).
   *
   * @param context any context of the run
   * @param programmatic the builder's values
   * @return the settings
   */
  static Settings of(ExtensionContext context, Programmatic programmatic) {
    return context
        .getRoot()
        .getStore(DockerArchiveExtension.NAMESPACE)
        .getOrComputeIfAbsent(
            new Key(programmatic), k -> resolve(context, programmatic), Settings.class);
  }

  private static Settings resolve(ExtensionContext context, Programmatic p) {
    Path tempRoot =
        p.tempRoot() != null
            ? p.tempRoot()
            : config(context, SyntheticArchive.TEMP_DIR_PROPERTY_NAME, Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir")));
    CleanupMode cleanup =
        p.cleanup() != null && p.cleanup() != CleanupMode.DEFAULT
            ? p.cleanup()
            : config(context, SyntheticArchive.DEFAULT_CLEANUP_PROPERTY_NAME, Settings::cleanup)
                .orElse(CleanupMode.ALWAYS);
    Dialect dialect =
        p.dialect() != null
            ? p.dialect()
            : config(context, SyntheticArchive.DEFAULT_DIALECT_PROPERTY_NAME, Dialect::parse)
                .orElse(Dialect.CONTAINERS_IMAGE);
    long seed =
        p.seed() != null
            ? p.seed()
            : config(context, SyntheticArchive.DEFAULT_SEED_PROPERTY_NAME, Settings::seed)
                .orElse(0L);
    boolean cache =
        p.cache() != null
            ? p.cache()
            : config(context, SyntheticArchive.CACHE_PROPERTY_NAME, Settings::bool).orElse(false);
    return new Settings(
        tempRoot,
        cleanup,
        dialect,
        config(context, SyntheticArchive.DEFAULT_COMPRESSION_PROPERTY_NAME, Settings::compression)
            .orElse(Compression.NONE),
        config(
                context,
                SyntheticArchive.DEFAULT_LAYER_COMPRESSION_PROPERTY_NAME,
                Settings::compression)
            .orElse(null),
        seed,
        cache,
        config(context, SyntheticArchive.DEFAULT_IMAGES_PROPERTY_NAME, Settings::count).orElse(1),
        config(context, SyntheticArchive.DEFAULT_LAYERS_PROPERTY_NAME, Settings::count).orElse(2),
        config(context, SyntheticArchive.DEFAULT_LAYER_SIZE_PROPERTY_NAME, Settings::count)
            .orElse(1024));
  }

  private static <T> Optional<T> config(
      ExtensionContext context, String key, Function<String, T> parser) {
    Optional<String> raw = context.getConfigurationParameter(key).map(String::trim);
    if (raw.isEmpty() || raw.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(raw.get()));
    } catch (RuntimeException e) {
      throw new ExtensionConfigurationException(
          "configuration parameter "
              + key
              + " = \""
              + raw.get()
              + "\" is invalid: "
              + e.getMessage(),
          e);
    }
  }

  private static CleanupMode cleanup(String text) {
    String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
    for (CleanupMode mode : CleanupMode.values()) {
      if (mode != CleanupMode.DEFAULT && mode.name().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("expected one of ALWAYS, ON_SUCCESS, NEVER");
  }

  private static Compression compression(String text) {
    String name = text.toUpperCase(Locale.ROOT);
    for (Compression c : Compression.values()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("expected one of NONE, GZIP, BZIP2, XZ, ZSTD");
  }

  private static long seed(String text) {
    if (text.equalsIgnoreCase("random")) {
      return ThreadLocalRandom.current().nextLong();
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number or \"random\"");
    }
  }

  private static boolean bool(String text) {
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException("expected true or false");
  }

  private static int count(String text) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number");
    }
    if (n < 0) {
      throw new IllegalArgumentException("expected zero or more");
    }
    return n;
  }
}
