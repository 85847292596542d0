package io.github.dockerarchive.testkit.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.digest.Digest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REF-2: Docker reference normalisation, as distribution/reference ParseNormalizedNamed does it.
 */
class DockerReferenceTest {

  private static final String HEX = "0123456789abcdef".repeat(4);
  private static final String SHA256 = "sha256:" + HEX;
  private static final String SHA512 = "sha512:" + "0123456789abcdef".repeat(8);

  /**
   * One normalisation case.
   *
   * @param input the text given to parseNormalized
   * @param domain expected domain
   * @param path expected path
   * @param tag expected tag or null
   * @param digest expected digest text or null
   * @param canonical expected canonical()
   * @param familiar expected familiar()
   */
  record Normalised(
      String input,
      String domain,
      String path,
      String tag,
      String digest,
      String canonical,
      String familiar) {}

  private static Arguments ok(
      String why,
      String input,
      String domain,
      String path,
      String tag,
      String digest,
      String canonical,
      String familiar) {
    return argumentSet(
        "REF-2 " + why + ": " + abbreviate(input),
        new Normalised(input, domain, path, tag, digest, canonical, familiar));
  }

  static Stream<Arguments> normalisationTable() {
    String lib = "docker.io/library/busybox";
    return Stream.of(
        ok("one-part name", "busybox", "docker.io", "library/busybox", null, null, lib, "busybox"),
        ok(
            "library/ namespace",
            "library/busybox",
            "docker.io",
            "library/busybox",
            null,
            null,
            lib,
            "busybox"),
        ok(
            "docker.io without library/",
            "docker.io/busybox",
            "docker.io",
            "library/busybox",
            null,
            null,
            lib,
            "busybox"),
        ok(
            "fully qualified",
            "docker.io/library/busybox",
            "docker.io",
            "library/busybox",
            null,
            null,
            lib,
            "busybox"),
        ok(
            "legacy index.docker.io",
            "index.docker.io/busybox",
            "docker.io",
            "library/busybox",
            null,
            null,
            lib,
            "busybox"),
        ok(
            "legacy index.docker.io with tag",
            "index.docker.io/library/busybox:1.36",
            "docker.io",
            "library/busybox",
            "1.36",
            null,
            lib + ":1.36",
            "busybox:1.36"),
        ok(
            "explicit latest",
            "busybox:latest",
            "docker.io",
            "library/busybox",
            "latest",
            null,
            lib + ":latest",
            "busybox:latest"),
        ok(
            "explicit tag",
            "busybox:notlatest",
            "docker.io",
            "library/busybox",
            "notlatest",
            null,
            lib + ":notlatest",
            "busybox:notlatest"),
        ok(
            "upper case tag",
            "busybox:LATEST_1.0-rc",
            "docker.io",
            "library/busybox",
            "LATEST_1.0-rc",
            null,
            lib + ":LATEST_1.0-rc",
            "busybox:LATEST_1.0-rc"),
        ok(
            "two-part name on docker.io",
            "foo/bar",
            "docker.io",
            "foo/bar",
            null,
            null,
            "docker.io/foo/bar",
            "foo/bar"),
        ok(
            "nested library/ keeps its prefix",
            "docker.io/library/foo/bar",
            "docker.io",
            "library/foo/bar",
            null,
            null,
            "docker.io/library/foo/bar",
            "library/foo/bar"),
        ok(
            "localhost is a domain",
            "localhost/foo",
            "localhost",
            "foo",
            null,
            null,
            "localhost/foo",
            "localhost/foo"),
        ok(
            "localhost with port, first colon is the port",
            "localhost:5000/x:y",
            "localhost:5000",
            "x",
            "y",
            null,
            "localhost:5000/x:y",
            "localhost:5000/x:y"),
        ok(
            "domain with dot",
            "example.com/ns/foo:bar",
            "example.com",
            "ns/foo",
            "bar",
            null,
            "example.com/ns/foo:bar",
            "example.com/ns/foo:bar"),
        ok(
            "domain with port and deep path",
            "example.com:8080/a/b/c",
            "example.com:8080",
            "a/b/c",
            null,
            null,
            "example.com:8080/a/b/c",
            "example.com:8080/a/b/c"),
        ok(
            "a first component with a colon is a domain",
            "example:5000/repo",
            "example:5000",
            "repo",
            null,
            null,
            "example:5000/repo",
            "example:5000/repo"),
        ok(
            "IPv4 with port and numeric tag",
            "192.168.1.1:5000/repo:5050",
            "192.168.1.1:5000",
            "repo",
            "5050",
            null,
            "192.168.1.1:5000/repo:5050",
            "192.168.1.1:5000/repo:5050"),
        ok(
            "IPv6 with port",
            "[2001:db8::1]:5000/repo:tag",
            "[2001:db8::1]:5000",
            "repo",
            "tag",
            null,
            "[2001:db8::1]:5000/repo:tag",
            "[2001:db8::1]:5000/repo:tag"),
        ok(
            "IPv6 without port",
            "[::1]/repo",
            "[::1]",
            "repo",
            null,
            null,
            "[::1]/repo",
            "[::1]/repo"),
        ok(
            "upper-case first component is a domain",
            "Foo/bar",
            "Foo",
            "bar",
            null,
            null,
            "Foo/bar",
            "Foo/bar"),
        ok(
            "upper case allowed in a domain",
            "Example.com/foo",
            "Example.com",
            "foo",
            null,
            null,
            "Example.com/foo",
            "Example.com/foo"),
        ok(
            "Go quirk: an invalid host with a dot becomes part of the path",
            "foo_bar.com/x",
            "",
            "foo_bar.com/x",
            null,
            null,
            "foo_bar.com/x",
            "foo_bar.com/x"),
        ok(
            "separators . _ __ and runs of -",
            "a__b/c---d/e.f_g",
            "docker.io",
            "a__b/c---d/e.f_g",
            null,
            null,
            "docker.io/a__b/c---d/e.f_g",
            "a__b/c---d/e.f_g"),
        ok(
            "digest only",
            "busybox@" + SHA256,
            "docker.io",
            "library/busybox",
            null,
            SHA256,
            lib + "@" + SHA256,
            "busybox@" + SHA256),
        ok(
            "tag and digest",
            "busybox:latest@" + SHA256,
            "docker.io",
            "library/busybox",
            "latest",
            SHA256,
            lib + ":latest@" + SHA256,
            "busybox:latest@" + SHA256),
        ok(
            "sha512 digest",
            "example.com/foo@" + SHA512,
            "example.com",
            "foo",
            null,
            SHA512,
            "example.com/foo@" + SHA512,
            "example.com/foo@" + SHA512),
        ok(
            "64 hex with a tag is a name, not an ID",
            HEX + ":latest",
            "docker.io",
            "library/" + HEX,
            "latest",
            null,
            "docker.io/library/" + HEX + ":latest",
            HEX + ":latest"),
        ok(
            "63 hex is a name",
            HEX.substring(1),
            "docker.io",
            "library/" + HEX.substring(1),
            null,
            null,
            "docker.io/library/" + HEX.substring(1),
            HEX.substring(1)));
  }

  @ParameterizedTest
  @MethodSource("normalisationTable")
  @DisplayName("REF-2 normalisation table")
  void normalises(Normalised row) throws InvalidReferenceException {
    DockerReference ref = DockerReference.parseNormalized(row.input());

    assertThat(ref.domain()).isEqualTo(row.domain());
    assertThat(ref.path()).isEqualTo(row.path());
    assertThat(ref.tag()).isEqualTo(row.tag());
    assertThat(ref.digest() == null ? null : ref.digest().toString()).isEqualTo(row.digest());
    assertThat(ref.hasTag()).isEqualTo(row.tag() != null);
    assertThat(ref.hasDigest()).isEqualTo(row.digest() != null);
    assertThat(ref.canonical()).isEqualTo(row.canonical());
    assertThat(ref).hasToString(row.canonical());
    assertThat(ref.familiar()).isEqualTo(row.familiar());
    assertThat(ref.name())
        .isEqualTo(row.domain().isEmpty() ? row.path() : row.domain() + "/" + row.path());
    // Parsing the canonical form again gives an equal reference.
    assertThat(DockerReference.parseNormalized(ref.canonical())).isEqualTo(ref);
  }

  private static Arguments refused(String why, String input, String message) {
    return argumentSet("REF-2 " + why + ": " + abbreviate(input), input, message);
  }

  static Stream<Arguments> refusalTable() {
    String bad = "invalid reference format";
    return Stream.of(
        refused(
            "upper case one-part name",
            "UPPERCASEISINVALID",
            "invalid reference format: repository name (library/UPPERCASEISINVALID) must be"
                + " lowercase"),
        refused(
            "upper case on docker.io",
            "docker.io/Library/busybox",
            "invalid reference format: repository name (Library/busybox) must be lowercase"),
        refused(
            "upper case after a domain",
            "example.com/Foo:bar",
            "invalid reference format: repository name (Foo) must be lowercase"),
        refused(
            "upper-case digest algorithm counts as the repository",
            "busybox@SHA256:" + HEX,
            "invalid reference format: repository name (library/busybox@SHA256) must be"
                + " lowercase"),
        refused(
            "64-hex identifier",
            HEX,
            "invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings"),
        refused("empty", "", bad),
        refused("empty tag", "busybox:", bad),
        refused("tag only", ":tag", bad),
        refused("leading hyphen", "-busybox", bad),
        refused("trailing hyphen", "busybox-", bad),
        refused("three underscores", "a___b", bad),
        refused("two dots", "a..b", bad),
        refused("empty path component", "foo//bar", bad),
        refused("trailing slash", "foo/", bad),
        refused("leading slash", "/foo", bad),
        refused("space", "busy box", bad),
        refused("not a digest", "busybox@0", bad),
        refused("digest too short for the grammar", "busybox@sha256:abc", bad),
        refused("two @", "busybox@" + SHA256 + "@x", bad),
        refused("second colon after the tag", "localhost:5000/x:y:z", bad),
        refused("empty port", "example.com:/foo", bad),
        refused("IPv6 zone", "[fe80::1%eth0]:5000/repo", bad),
        refused("empty IPv6 brackets", "[]:5000/repo", bad),
        refused("tag of 129 characters", "busybox:" + "t".repeat(129), bad),
        refused(
            "digest of the wrong length",
            "busybox@sha256:" + HEX.substring(32),
            "invalid checksum digest length"),
        refused(
            "upper-case digest hex",
            "busybox@sha256:" + HEX.toUpperCase(java.util.Locale.ROOT),
            "invalid checksum digest format"),
        refused(
            "unknown digest algorithm",
            "busybox@md5:" + HEX.substring(32),
            "unsupported digest algorithm"),
        refused(
            "one-part name 248 long (path 256)",
            "a".repeat(248),
            "repository name must not be more than 255 characters"),
        refused(
            "path of 256 after a domain",
            "example.com/" + "a".repeat(256),
            "repository name must not be more than 255 characters"),
        refused(
            "many components",
            "a/".repeat(128) + "a",
            "repository name must not be more than 255 characters"));
  }

  @ParameterizedTest
  @MethodSource("refusalTable")
  @DisplayName("REF-2 refused references, with Go's error texts")
  void refuses(String input, String message) {
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> DockerReference.parseNormalized(input))
        .withMessage(message)
        .satisfies(e -> assertThat(e.rule()).isEqualTo("REF-2"));
  }

  @Test
  @DisplayName("REF-2 tags: 128 characters are accepted, 129 refused")
  void tagLengthLimit() throws InvalidReferenceException {
    String tag128 = "_" + "a.b-".repeat(31) + "xyz";
    assertThat(tag128).hasSize(128);
    assertThat(DockerReference.parseNormalized("busybox:" + tag128).tag()).isEqualTo(tag128);
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> DockerReference.parseNormalized("busybox:" + tag128 + "z"))
        .withMessage("invalid reference format");
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> DockerReference.parseNormalized("busybox:.tag"))
        .withMessage("invalid reference format");
  }

  @Test
  @DisplayName("REF-2 long names: the 255-character limit counts the path, not the domain")
  void nameLengthLimit() throws InvalidReferenceException {
    assertThat(DockerReference.parseNormalized("a".repeat(247)).path()).hasSize(255);
    assertThat(DockerReference.parseNormalized("a/".repeat(127) + "a").path()).hasSize(255);
    DockerReference longDomain =
        DockerReference.parseNormalized(
            "registry." + "d".repeat(60) + ".example.com/" + "p".repeat(255));
    assertThat(longDomain.path()).hasSize(255);
    assertThat(longDomain.name().length()).isGreaterThan(255);
  }

  @Test
  @DisplayName("REF-2 very long input is refused with an error, not a stack overflow")
  void veryLongInput() {
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> DockerReference.parseNormalized("a.".repeat(200_000) + "a"))
        .withMessage("repository name must not be more than 255 characters");
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> DockerReference.parseNormalized("a-".repeat(200_000) + "!"))
        .withMessage("invalid reference format");
  }

  @Test
  @DisplayName("REF-2 withDefaultTag adds latest only when there is neither tag nor digest")
  void withDefaultTag() throws InvalidReferenceException {
    assertThat(DockerReference.parseNormalized("busybox").withDefaultTag())
        .hasToString("docker.io/library/busybox:latest")
        .isEqualTo(DockerReference.parseNormalized("busybox:latest"));
    DockerReference tagged = DockerReference.parseNormalized("busybox:1.36");
    assertThat(tagged.withDefaultTag()).isSameAs(tagged);
    DockerReference digested = DockerReference.parseNormalized("busybox@" + SHA256);
    assertThat(digested.withDefaultTag()).isSameAs(digested);
    assertThat(digested.withDefaultTag().hasTag()).isFalse();
  }

  @Test
  @DisplayName("REF-2 different spellings of one image are equal after normalisation")
  void equalAfterNormalisation() throws InvalidReferenceException {
    DockerReference expected = new DockerReference("docker.io", "library/busybox", "latest", null);
    for (String spelling :
        new String[] {
          "busybox:latest",
          "library/busybox:latest",
          "docker.io/busybox:latest",
          "docker.io/library/busybox:latest",
          "index.docker.io/busybox:latest",
          "index.docker.io/library/busybox:latest"
        }) {
      assertThat(DockerReference.parseNormalized(spelling)).as(spelling).isEqualTo(expected);
    }
    assertThat(DockerReference.parseNormalized("busybox@" + SHA256).digest())
        .isEqualTo(new Digest("sha256", HEX));
  }

  @Test
  @DisplayName("REF-2 familiar strings drop docker.io/ and a single library/ only")
  void familiarStrings() throws InvalidReferenceException {
    assertThat(DockerReference.parseNormalized("docker.io/library/busybox:latest").familiar())
        .isEqualTo("busybox:latest");
    assertThat(DockerReference.parseNormalized("docker.io/dmcgowan/myapp").familiar())
        .isEqualTo("dmcgowan/myapp");
    assertThat(DockerReference.parseNormalized("localhost/library/busybox").familiar())
        .isEqualTo("localhost/library/busybox");
    assertThat(new DockerReference("docker.io", "library", "x", null).familiar())
        .isEqualTo("library:x");
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 40) + "…(" + s.length() + " chars)";
  }
}
