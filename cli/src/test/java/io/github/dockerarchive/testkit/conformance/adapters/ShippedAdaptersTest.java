package io.github.dockerarchive.testkit.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.ImplementationProvider;
import io.github.dockerarchive.testkit.conformance.ImplementationSettings;
import io.github.dockerarchive.testkit.conformance.ImplementationUnavailableException;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.FileSpec;
import io.github.dockerarchive.testkit.synthetic.LayerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shipped adapter doing real copies: a read, a read by tag into {@code dir:}, a write with
 * and without a tag, a multi-image write where claimed, and a refusal; each output judged with the
 * suite's own reader ({@link ImageContent}).
 */
class ShippedAdaptersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TAG0 = "example.com/conformance/first:1.0";
  private static final String TAG1 = "example.com/conformance/second:2.0";

  /** Two images: two layers (one gzip) and one layer, both tagged. */
  private static final ArchiveSpec SPEC =
      ArchiveSpec.builder()
          .image(
              List.of(TAG0),
              LayerSpec.of(FileSpec.file("etc/first.txt", 3000), FileSpec.directory("var/")),
              LayerSpec.filler(5000).withCompression(Compression.GZIP))
          .image(List.of(TAG1), LayerSpec.filler(7000))
          .seed(8)
          .build();

  /** What docker and containerd claim: the suite converts their oci:/dir: ends. */
  private static final List<Capability> DAEMON_CAPABILITIES =
      List.of(Capability.READ, Capability.READ_TO_DIR, Capability.WRITE, Capability.WRITE_MULTI);

  @TempDir Path dir;
  private ArchiveImplementation impl;

  @AfterEach
  void close() {
    if (impl != null) {
      impl.close();
    }
  }

  private ArchiveImplementation create(String name) throws Exception {
    if (name.equals("dockerarchive-cli")) {
      assumeTrue(
          DockerArchiveCliProvider.onClassPath(),
          "the command-line tool is not on this module's class path (it depends on this module);"
              + " the dockerarchive-cli adapter runs where the tool is");
    }
    if (!name.equals("dockerarchive-cli") && !name.equals("jib")) {
      boolean installed = ScriptProvider.findOnPath(name) != null;
      if (!installed) {
        System.err.println(
            "SKIPPED: " + name + " is not installed (apt-get install -y " + name + ")");
      }
      assumeTrue(installed, name + " is not installed (apt-get install -y " + name + ")");
    }
    try {
      impl =
          Implementations.create(
                  name,
                  new ImplementationSettings(
                      Files.createDirectories(dir.resolve("impl")), Duration.ofMinutes(2)))
              .implementation();
    } catch (ImplementationUnavailableException e) {
      // docker and containerd need a daemon of their own, which needs root
      System.err.println("SKIPPED: " + name + ": " + e.getMessage());
      assumeTrue(false, name + ": " + e.getMessage());
    }
    return impl;
  }

  private CheckContext context() throws IOException {
    return new CheckContext(impl, Files.createDirectories(dir.resolve("check")));
  }

  @Test
  void withoutTheToolOnTheClassPathTheCliAdapterSaysSoAtSetUp() {
    assumeFalse(
        DockerArchiveCliProvider.onClassPath(), "the command-line tool is on the class path");
    assertThatThrownBy(
            () ->
                new DockerArchiveCliProvider()
                    .create(
                        new ImplementationSettings(
                            Files.createDirectories(dir.resolve("impl")), Duration.ofSeconds(30))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("dockerarchive-cli")
        .hasMessageContaining(DockerArchiveCliProvider.MAIN_CLASS)
        .hasMessageContaining("not on the class path");
  }

  @Test
  void theProvidersAreRegisteredWithTheirGating() {
    Map<String, Boolean> reportOnly =
        Implementations.providers().stream()
            .collect(
                Collectors.toMap(ImplementationProvider::name, ImplementationProvider::reportOnly));
    assertThat(reportOnly)
        .containsEntry("builtin", false)
        .containsEntry("dockerarchive-cli", false)
        .containsEntry("skopeo", true)
        .containsEntry("podman", true)
        .containsEntry("jib", true)
        .containsEntry("docker", true)
        .containsEntry("containerd", true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dockerarchive-cli", "skopeo", "podman", "jib", "docker", "containerd"})
  void claimsWhatItCanDo(String name) throws Exception {
    create(name);
    Map<String, List<Capability>> expected =
        Map.of(
            "dockerarchive-cli", List.of(Capability.values()),
            "skopeo", List.of(Capability.READ, Capability.READ_TO_DIR, Capability.WRITE),
            "podman",
                List.of(
                    Capability.READ,
                    Capability.READ_TO_DIR,
                    Capability.WRITE,
                    Capability.WRITE_MULTI),
            "jib", List.of(Capability.WRITE),
            "docker", DAEMON_CAPABILITIES,
            "containerd", DAEMON_CAPABILITIES);
    assertThat(impl.capabilities()).containsExactlyInAnyOrderElementsOf(expected.get(name));
    assertThat(impl.basedOnReference()).isEqualTo(name.equals("skopeo") || name.equals("podman"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dockerarchive-cli", "skopeo", "podman", "docker", "containerd"})
  void readsAnImageByIndexIntoOciAndByTagIntoDir(String name) throws Exception {
    create(name);
    CheckContext c = context();
    ArchiveFixture f = c.fixture("two.tar", SPEC);
    for (int i = 0; i < 2; i++) {
      Path out = c.path("oci-" + i);
      c.copySucceeds(
          CopyRequest.of(CheckContext.archive(f.path(), ":@" + i), "oci:" + out + ":read"));
      assertSameImage(
          c.readOci(out, "read", "the image read"),
          ImageContent.ofArchive(CheckContext.archive(f.path(), ":@" + i)),
          name);
    }
    Path out = c.path("dir-1");
    c.copySucceeds(CopyRequest.of(CheckContext.archive(f.path(), ":" + TAG1), "dir:" + out));
    assertSameImage(
        c.readDir(out, "the image read"),
        ImageContent.ofArchive(CheckContext.archive(f.path(), ":@1")),
        name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dockerarchive-cli", "skopeo", "podman", "jib", "docker", "containerd"})
  void writesAnImageWithTheDestinationsTag(String name) throws Exception {
    create(name);
    CheckContext c = context();
    Path layout = c.ociLayout("source", SPEC, 0);
    ImageContent source = ImageContent.ofOci(layout, CheckContext.OCI_NAME);
    Path out = c.path("written.tar");
    c.copySucceeds(
        CopyRequest.of(CheckContext.oci(layout), CheckContext.archive(out, ":example.com/app:7")));
    ImageContent written = c.readArchive(CheckContext.archive(out, ""), "the archive written");
    assertThat(written.repoTags()).containsExactly("example.com/app:7");
    assertThat(written.diffIds()).isEqualTo(source.diffIds());
    if (name.equals("jib")) {
      // Jib writes a config of its own; the layers it names are still the source's.
      assertThat(JSON.readTree(written.config()).at("/rootfs/diff_ids").toString())
          .isEqualTo(JSON.readTree(source.config()).at("/rootfs/diff_ids").toString());
    } else {
      assertThat(written.config()).isEqualTo(source.config());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dockerarchive-cli", "skopeo", "podman", "jib", "docker", "containerd"})
  void writesAnUntaggedImageOrSaysItCannot(String name) throws Exception {
    create(name);
    CheckContext c = context();
    Path layout = c.ociLayout("source", SPEC, 1);
    Path out = c.path("untagged.tar");
    Optional<ImplementationException> failure =
        c.copy(CopyRequest.of(CheckContext.oci(layout), CheckContext.archive(out, "")));
    if (name.equals("jib")) {
      assertThat(failure).isPresent();
      assertThat(failure.get().kind()).isEqualTo(ImplementationException.Kind.REFUSED);
      assertThat(failure.get().getMessage()).contains("untagged");
      return;
    }
    assertThat(failure).isEmpty();
    ImageContent written = c.readArchive(CheckContext.archive(out, ""), "the archive written");
    assertUntagged(written, name);
    assertThat(written.sameImageAs(ImageContent.ofOci(layout, CheckContext.OCI_NAME))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dockerarchive-cli", "podman", "docker", "containerd"})
  void writesSeveralImagesTaggedByTheirSources(String name) throws Exception {
    create(name);
    CheckContext c = context();
    ArchiveFixture f = c.fixture("two.tar", SPEC);
    Path out = c.path("multi.tar");
    c.copySucceeds(
        CopyRequest.multi(
            List.of(
                CheckContext.archive(f.path(), ":" + TAG1), CheckContext.archive(f.path(), ":@0")),
            CheckContext.archive(out, "")));
    ImageContent first = c.readArchive(CheckContext.archive(out, ":@0"), "image 0");
    ImageContent second = c.readArchive(CheckContext.archive(out, ":@1"), "image 1");
    if ((name.equals("docker") || name.equals("containerd")) && !first.repoTags().contains(TAG1)) {
      // docker save and ctr images export write several images in an order of their own (a Go
      // map's), not the sources' order
      ImageContent tagged = second;
      second = first;
      first = tagged;
    }
    assertThat(first.repoTags()).containsExactly(TAG1);
    assertThat(first.differenceFrom(ImageContent.ofArchive(CheckContext.archive(f.path(), ":@1"))))
        .isEmpty();
    assertUntagged(second, name);
    assertThat(second.differenceFrom(ImageContent.ofArchive(CheckContext.archive(f.path(), ":@0"))))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dockerarchive-cli", "skopeo", "podman", "jib", "docker", "containerd"})
  void refusesAMissingSourceWithAReason(String name) throws Exception {
    create(name);
    CheckContext c = context();
    String source =
        impl.capabilities().contains(Capability.READ)
            ? CheckContext.archive(c.path("missing.tar"), "")
            : "oci:" + c.path("missing") + ":x";
    String destination =
        impl.capabilities().contains(Capability.READ)
            ? "oci:" + c.path("out") + ":x"
            : CheckContext.archive(c.path("out.tar"), ":example.com/a:1");
    ImplementationException e = c.copyRefused(CopyRequest.of(source, destination), "no source");
    assertThat(e.getMessage()).isNotBlank();
  }

  /**
   * An image written without a tag has none; ctr can only export an image by a name, so the
   * containerd adapter exports it by the digest name {@code ctr images import --digests} gave it,
   * which ctr writes into {@code RepoTags}.
   */
  private static void assertUntagged(ImageContent written, String name) {
    if (name.equals("containerd")) {
      assertThat(written.repoTags()).singleElement().asString().contains("@sha256:");
    } else {
      assertThat(written.repoTags()).isEmpty();
    }
  }

  @Test
  void aMissingToolIsNamedWhenTheImplementationIsCreated() {
    ScriptProvider provider =
        new ScriptProvider("fake-tool", "skopeo.sh", List.of("no-such-tool-on-this-machine")) {};
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                provider.create(
                    new ImplementationSettings(dir.resolve("fake"), Duration.ofSeconds(10))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-tool-on-this-machine is not installed")
        .hasMessageContaining("--impl fake-tool");
    assertThat(dir.resolve("fake")).doesNotExist();
  }

  @Test
  void theScriptsRunFromACheckoutToo() throws Exception {
    Path checkout =
        Path.of(System.getProperty("repo.root", ".."))
            .resolve("conformance-tests/adapters")
            .toAbsolutePath();
    for (String script :
        List.of("skopeo.sh", "podman.sh", "dockerarchive-cli.sh", ScriptProvider.LIBRARY)) {
      assertThat(Files.isExecutable(checkout.resolve(script)))
          .as(script)
          .isEqualTo(!script.equals(ScriptProvider.LIBRARY));
      assertThat(ShippedAdaptersTest.class.getResource(ScriptProvider.RESOURCE_DIRECTORY + script))
          .as("%s is packaged", script)
          .isNotNull();
      assertThat(Files.readString(checkout.resolve(script)))
          .isEqualTo(
              new String(
                  ScriptProvider.class
                      .getResourceAsStream(ScriptProvider.RESOURCE_DIRECTORY + script)
                      .readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * The same image: same layers (diffIDs) and the same config; a reference-based tool converting to
   * OCI re-serialises the config, so its JSON is compared rather than its bytes.
   */
  private static void assertSameImage(ImageContent actual, ImageContent expected, String name)
      throws IOException {
    assertThat(actual.diffIds()).isEqualTo(expected.diffIds());
    assertThat(JSON.readTree(actual.config())).isEqualTo(JSON.readTree(expected.config()));
    if (name.equals("dockerarchive-cli")) {
      assertThat(actual.config()).isEqualTo(expected.config());
    }
  }
}
