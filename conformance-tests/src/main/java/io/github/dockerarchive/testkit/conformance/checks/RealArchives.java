package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectImage;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.read;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.refused;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Real archives from public projects (the classpath resources {@code /corpus/real/*}) as checks:
 * every image of each archive, read by index, must have the config digest and the diffIDs that
 * {@code EXPECTED.json} lists; an archive listed with no image must be refused, with or without a
 * selector. One check per archive, under the rule its distinguishing feature belongs to ({@link
 * #FEATURES}); each family's class takes the archives of its rules with {@link #checksUnder}.
 */
final class RealArchives {
  private static final String ROOT = "/corpus/real/";

  /** Rule and description per archive; anything else is a plain read under ARC-3. */
  private static final Map<String, String[]> FEATURES =
      Map.ofEntries(
          Map.entry(
              "GoogleContainerTools_jib__jib-core_src_test_resources_core_extraction_jib-image.tar",
              new String[] {"DIA-6", "old Jib: lower-case keys, config.json, gzip layers"}),
          Map.entry(
              "containers_image__docker_archive_fixtures_almostempty.tar",
              new String[] {"DIA-2", "Docker 1.10 save: <id>/layer.tar, short names"}),
          Map.entry(
              "containers_podman__test_e2e_testdata_docker-name-only.tar.xz",
              new String[] {"ARC-1", "xz-compressed Docker save, short name"}),
          Map.entry(
              "containers_podman__test_e2e_testdata_docker-registry-name.tar.xz",
              new String[] {"ARC-1", "xz-compressed Docker save, registry name"}),
          Map.entry(
              "containers_podman__test_e2e_testdata_docker-two-names.tar.xz",
              new String[] {"ARC-1", "xz-compressed Docker save, one image with two tags"}),
          Map.entry(
              "containers_podman__test_e2e_testdata_docker-unnamed.tar.xz",
              new String[] {"ARC-1", "xz-compressed Docker save, RepoTags null"}),
          Map.entry(
              "containers_podman__test_e2e_testdata_docker-two-images.tar.xz",
              new String[] {"SRC-5", "xz-compressed, two images, @1's layer.tar is a symlink"}),
          Map.entry(
              "google_go-containerregistry__pkg_v1_mutate_testdata_whiteout_dir.tar",
              new String[] {"DIA-5", "go-containerregistry: sha256:<hex> config, gzip layers"}),
          Map.entry(
              "google_go-containerregistry__pkg_v1_tarball_testdata_hello-world-v25.tar",
              new String[] {"DIA-3", "Docker 25 hybrid layout with LayerSources"}),
          Map.entry(
              "google_go-containerregistry__pkg_v1_tarball_testdata_null_manifest.tar",
              new String[] {"ARC-2", "manifest.json is null: zero images"}),
          Map.entry(
              "google_go-containerregistry__pkg_v1_tarball_testdata_test_bundle.tar",
              new String[] {"ARC-3", "two hand-edited images, a foreign layer in LayerSources"}),
          Map.entry(
              "google_go-containerregistry__pkg_v1_tarball_testdata_test_link.tar",
              new String[] {"SRC-5", "Docker save of two images, @1's layer.tar is a symlink"}));

  /** A real archive without a distinguishing feature: a plain read. */
  private static final String[] PLAIN = {"ARC-3", "a real archive"};

  private RealArchives() {}

  /**
   * The checks of the archives whose rule is of a family.
   *
   * @param family a rule family ({@code ARC}, {@code DIA}, ...)
   * @return one check per archive of {@code EXPECTED.json} under a rule of that family, in its
   *     order
   */
  static List<Check> checksUnder(String family) {
    JsonNode expected = expectations();
    List<Check> checks = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (ruleOf(e.getKey()).startsWith(family + "-")) {
        checks.add(check(e.getKey(), e.getValue()));
      }
    }
    return List.copyOf(checks);
  }

  /**
   * The archives of {@code EXPECTED.json}.
   *
   * @return their file names, in its order
   */
  static List<String> files() {
    List<String> files = new ArrayList<>();
    expectations().fieldNames().forEachRemaining(files::add);
    return List.copyOf(files);
  }

  /**
   * The rule an archive is checked under.
   *
   * @param file the archive's file name
   * @return the rule of its distinguishing feature, ARC-3 for a plain real archive
   */
  static String ruleOf(String file) {
    return FEATURES.getOrDefault(file, PLAIN)[0];
  }

  private static JsonNode expectations() {
    try (InputStream in = RealArchives.class.getResourceAsStream(ROOT + "EXPECTED.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "the real corpus is missing from the classpath: " + ROOT + "EXPECTED.json");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + "EXPECTED.json", e);
    }
  }

  private static Check check(String file, JsonNode images) {
    String[] feature = FEATURES.getOrDefault(file, PLAIN);
    String title =
        feature[1]
            + (images.isEmpty()
                ? ": refused without a selector and at @0"
                : ": each of its "
                    + images.size()
                    + " image(s) read by index has the config and diffIDs listed");
    return Check.of(
        feature[0],
        file,
        title,
        READ,
        c -> {
          Path archive = c.path(file);
          try (InputStream in = RealArchives.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
              throw new IllegalStateException("corpus archive missing: " + ROOT + file);
            }
            Files.copy(in, archive);
          }
          c.note("input: the corpus archive " + file + " (classpath " + ROOT + file + ")");
          if (images.isEmpty()) {
            refused(c, CheckContext.archive(archive, ""), "out", "an archive of no image");
            refused(
                c, CheckContext.archive(archive, ":@0"), "out-0", "@0 of an archive of no image");
            return;
          }
          for (JsonNode image : images) {
            int index = image.get("index").asInt();
            List<Digest> diffIds = new ArrayList<>();
            for (JsonNode d : image.get("diffIds")) {
              diffIds.add(Digest.parse(d.asText()));
            }
            ImageContent got = read(c, CheckContext.archive(archive, ":@" + index), "out-" + index);
            expectImage(
                got, Digest.parse(image.get("configDigest").asText()), diffIds, "image @" + index);
          }
        });
  }
}
