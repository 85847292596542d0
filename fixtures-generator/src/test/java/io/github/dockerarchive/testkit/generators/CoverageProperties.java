package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.EntryKind;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.ImageSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * A default run of {@code @ForAll ArchiveSpec} (200 tries) generates every dialect, every outer and
 * layer compression, every entry kind (symbolic and hard links, whiteouts), every name style,
 * shared and repeated layers, untagged and multi-tag images. Checked with jqwik statistics
 * coverage, so a change of weights that starves a case fails the build.
 */
class CoverageProperties {
  @Property(tries = 200, seed = "42")
  @Label("every dialect, compression, link kind and name style is generated")
  @StatisticsReport(StatisticsReportMode.OFF)
  void defaultRunCoversTheModel(@ForAll ArchiveSpec spec) {
    Statistics.label("dialect").collect(spec.dialect());
    Statistics.label("outer compression").collect(spec.compression());
    Set<Compression> stored = EnumSet.noneOf(Compression.class);
    Set<EntryKind> kinds = EnumSet.noneOf(EntryKind.class);
    boolean defaultStorage = false;
    boolean longName = false;
    boolean exactly100 = false;
    boolean unicode = false;
    for (ImageSpec image : spec.images()) {
      for (LayerSpec layer : image.layers()) {
        Compression c =
            layer.compression() == null
                ? spec.dialect().defaultLayerCompression()
                : layer.compression();
        stored.add(c);
        defaultStorage |= layer.compression() == null;
        for (FileSpec f : layer.files()) {
          kinds.add(f.kind());
          int bytes = f.path().getBytes(StandardCharsets.UTF_8).length;
          longName |= bytes > 100;
          exactly100 |= bytes == 100;
          unicode |= !StandardCharsets.US_ASCII.newEncoder().canEncode(f.path());
        }
      }
    }
    for (Compression c : Compression.values()) {
      Statistics.label("layer " + c).collect(stored.contains(c));
    }
    for (EntryKind k : EntryKind.values()) {
      Statistics.label("entry " + k).collect(kinds.contains(k));
    }
    Statistics.label("dialect default storage").collect(defaultStorage);
    Statistics.label("name over 100 bytes").collect(longName);
    Statistics.label("name of exactly 100 bytes").collect(exactly100);
    Statistics.label("unicode name").collect(unicode);
    Statistics.label("images").collect(spec.images().size());
    Statistics.label("untagged image")
        .collect(spec.images().stream().anyMatch(i -> i.tags().isEmpty()));
    Statistics.label("image with several tags")
        .collect(spec.images().stream().anyMatch(i -> i.tags().size() > 1));
    Statistics.label("layer in two images").collect(sharesLayers(spec));
    Statistics.label("layer twice in one image").collect(repeatsLayer(spec));

    Statistics.label("dialect")
        .coverage(
            c -> {
              for (Dialect d : Dialect.values()) {
                c.check(d).count(n -> n > 0);
              }
            });
    Statistics.label("outer compression")
        .coverage(
            c -> {
              for (Compression k : Compression.values()) {
                c.check(k).count(n -> n > 0);
              }
            });
    for (String label :
        new String[] {
          "layer NONE",
          "layer GZIP",
          "layer BZIP2",
          "layer XZ",
          "layer ZSTD",
          "entry FILE",
          "entry DIRECTORY",
          "entry SYMLINK",
          "entry HARDLINK",
          "entry WHITEOUT",
          "entry OPAQUE_WHITEOUT",
          "dialect default storage",
          "name over 100 bytes",
          "name of exactly 100 bytes",
          "unicode name",
          "untagged image",
          "image with several tags",
          "layer in two images",
          "layer twice in one image"
        }) {
      Statistics.label(label).coverage(c -> c.check(true).count(n -> n > 0));
    }
    Statistics.label("images")
        .coverage(
            c -> {
              c.check(1).count(n -> n > 0);
              c.check(3).count(n -> n > 0);
            });
  }

  private static boolean sharesLayers(ArchiveSpec spec) {
    for (int i = 1; i < spec.images().size(); i++) {
      for (LayerSpec l : spec.images().get(i).layers()) {
        if (spec.images().get(0).layers().contains(l)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean repeatsLayer(ArchiveSpec spec) {
    return spec.images().stream()
        .anyMatch(i -> i.layers().stream().distinct().count() < i.layers().size());
  }
}
