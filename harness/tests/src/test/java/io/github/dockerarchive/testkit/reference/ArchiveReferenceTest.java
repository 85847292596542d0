package io.github.dockerarchive.testkit.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REF-1 (transport syntax) and REF-2 (normalisation of the REF part): every row of the upstream
 * {@code docker/archive/transport_test.go} tables (docs/reference.md section 8) plus the reference
 * parsing cases of section 10 item 9.
 */
class ArchiveReferenceTest {

  private static final String HEX = "0123456789abcdef".repeat(4);
  private static final String SHA256_DIGEST = "@sha256:" + HEX;

  /**
   * Expected result of parsing: either a reference (path, canonical ref or null, index) or an error
   * (message and rule).
   */
  record Expected(String path, String ref, int index, String error, String rule) {
    static Expected ok(String path, String ref, int index) {
      return new Expected(path, ref, index, null, null);
    }

    static Expected error(String rule, String message) {
      return new Expected(null, null, -1, message, rule);
    }
  }

  private static Arguments row(String source, String rule, String input, Expected expected) {
    return argumentSet(rule + " " + source + ": \"" + input + "\"", input, expected);
  }

  /** TestTransportParseReference / TestParseReference, row by row, with the exact error texts. */
  static Stream<Arguments> upstreamParseTable() {
    String t = "TestTransportParseReference";
    return Stream.of(
        row(
            t,
            "REF-1",
            "",
            Expected.error(
                "REF-1", "docker-archive reference  isn't of the form <path>[:<reference>]")),
        row(t, "REF-1", "/path", Expected.ok("/path", null, -1)),
        row(
            t,
            "REF-2",
            "/path:busybox:notlatest",
            Expected.ok("/path", "docker.io/library/busybox:notlatest", -1)),
        row(
            t,
            "REF-1",
            "/path:busybox" + SHA256_DIGEST,
            Expected.error(
                "REF-1",
                "reference does not include a tag: docker.io/library/busybox" + SHA256_DIGEST)),
        row(
            t,
            "REF-2",
            "/path:busybox",
            Expected.ok("/path", "docker.io/library/busybox:latest", -1)),
        row(
            t,
            "REF-1",
            "/path:busybox:latest" + SHA256_DIGEST,
            Expected.error(
                "REF-1",
                "docker-archive doesn't support digest references: docker.io/library/busybox:latest"
                    + SHA256_DIGEST)),
        row(
            t,
            "REF-2",
            "/path:docker.io/library/busybox:latest",
            Expected.ok("/path", "docker.io/library/busybox:latest", -1)),
        row(
            t,
            "REF-2",
            "/path:UPPERCASEISINVALID",
            Expected.error(
                "REF-2",
                "docker-archive parsing reference: invalid reference format: repository name"
                    + " (library/UPPERCASEISINVALID) must be lowercase")),
        row(
            t,
            "REF-1",
            "/path:@",
            Expected.error(
                "REF-1", "Invalid source index @: strconv.Atoi: parsing \"\": invalid syntax")),
        row(t, "REF-1", "/path:@0", Expected.ok("/path", null, 0)),
        row(t, "REF-1", "/path:@999999", Expected.ok("/path", null, 999999)),
        row(
            t,
            "REF-1",
            "/path:@-2",
            Expected.error("REF-1", "Invalid source index @-2: must not be negative")),
        row(
            t,
            "REF-1",
            "/path:@-1",
            Expected.error("REF-1", "Invalid source index @-1: must not be negative")),
        row(
            t,
            "REF-2",
            "/path:busybox@0",
            Expected.error("REF-2", "docker-archive parsing reference: invalid reference format")),
        row(
            t,
            "REF-1",
            "/path:@0:busybox",
            Expected.error(
                "REF-1",
                "Invalid source index @0:busybox: strconv.Atoi: parsing \"0:busybox\": invalid"
                    + " syntax")));
  }

  /** docs/reference.md section 10 item 9, and the edges of Go's strconv.Atoi. */
  static Stream<Arguments> conformanceParseTable() {
    String c = "section 10.9";
    String a = "strconv.Atoi edge";
    return Stream.of(
        row(c, "REF-1", "/path:@+5", Expected.ok("/path", null, 5)),
        row(c, "REF-1", "/path:@007", Expected.ok("/path", null, 7)),
        row(c, "REF-2", "/path:localhost:5000/x:y", Expected.ok("/path", "localhost:5000/x:y", -1)),
        row(c, "REF-1", ":busybox", Expected.ok("", "docker.io/library/busybox:latest", -1)),
        row(c, "REF-1", ":@0", Expected.ok("", null, 0)),
        row(
            c,
            "REF-1",
            "/path:",
            Expected.error("REF-2", "docker-archive parsing reference: invalid reference format")),
        row(
            c,
            "REF-2",
            "/path:example.com/ns/foo:bar",
            Expected.ok("/path", "example.com/ns/foo:bar", -1)),
        row(
            c,
            "REF-2",
            "/path:index.docker.io/busybox",
            Expected.ok("/path", "docker.io/library/busybox:latest", -1)),
        row(
            c,
            "REF-2",
            "/path:" + HEX,
            Expected.error(
                "REF-2",
                "docker-archive parsing reference: invalid repository name ("
                    + HEX
                    + "), cannot specify 64-byte hexadecimal strings")),
        row(
            a,
            "REF-1",
            "/path:@ 1",
            Expected.error(
                "REF-1", "Invalid source index @ 1: strconv.Atoi: parsing \" 1\": invalid syntax")),
        row(
            a,
            "REF-1",
            "/path:@1 ",
            Expected.error(
                "REF-1", "Invalid source index @1 : strconv.Atoi: parsing \"1 \": invalid syntax")),
        row(
            a,
            "REF-1",
            "/path:@+",
            Expected.error(
                "REF-1", "Invalid source index @+: strconv.Atoi: parsing \"+\": invalid syntax")),
        row(
            a,
            "REF-1",
            "/path:@1_000",
            Expected.error(
                "REF-1",
                "Invalid source index @1_000: strconv.Atoi: parsing \"1_000\": invalid syntax")),
        row(
            a,
            "REF-1",
            "/path:@0x10",
            Expected.error(
                "REF-1",
                "Invalid source index @0x10: strconv.Atoi: parsing \"0x10\": invalid syntax")),
        row(
            a,
            "REF-1",
            "/path:@\t\"",
            Expected.error(
                "REF-1",
                "Invalid source index @\t\": strconv.Atoi: parsing \"\\t\\\"\": invalid syntax")),
        row(a, "REF-1", "/path:@-0", Expected.ok("/path", null, 0)),
        row(a, "REF-1", "/path:@2147483647", Expected.ok("/path", null, Integer.MAX_VALUE)),
        row(
            a,
            "REF-1",
            "/path:@-9223372036854775808",
            Expected.error(
                "REF-1", "Invalid source index @-9223372036854775808: must not be negative")),
        row(
            a,
            "REF-1",
            "/path:@99999999999999999999",
            Expected.error(
                "REF-1",
                "Invalid source index @99999999999999999999: strconv.Atoi: parsing"
                    + " \"99999999999999999999\": value out of range")),
        row(
            a,
            "REF-1",
            "/path:@9223372036854775808",
            Expected.error(
                "REF-1",
                "Invalid source index @9223372036854775808: strconv.Atoi: parsing"
                    + " \"9223372036854775808\": value out of range")),
        // Go reports the first problem it meets: an overflow before a bad character...
        row(
            a,
            "REF-1",
            "/path:@99999999999999999999x",
            Expected.error(
                "REF-1",
                "Invalid source index @99999999999999999999x: strconv.Atoi: parsing"
                    + " \"99999999999999999999x\": value out of range")),
        // ... and a bad character before an overflow.
        row(
            a,
            "REF-1",
            "/path:@9x9999999999999999999",
            Expected.error(
                "REF-1",
                "Invalid source index @9x9999999999999999999: strconv.Atoi: parsing"
                    + " \"9x9999999999999999999\": invalid syntax")),
        // Documented deviation: Go's int is 64 bits, a Java index 32.
        row(
            a,
            "REF-1",
            "/path:@2147483648",
            Expected.error(
                "REF-1",
                "Invalid source index @2147483648: strconv.Atoi: parsing \"2147483648\": value out"
                    + " of range")));
  }

  @ParameterizedTest
  @MethodSource({"upstreamParseTable", "conformanceParseTable"})
  @DisplayName("REF-1/REF-2 ParseReference: transport_test.go table and section 10.9")
  void parse(String input, Expected expected) throws InvalidReferenceException {
    if (expected.error() != null) {
      assertThatExceptionOfType(InvalidReferenceException.class)
          .isThrownBy(() -> ArchiveReference.parse(input))
          .withMessage(expected.error())
          .satisfies(e -> assertThat(e.rule()).isEqualTo(expected.rule()));
      // The same through the full transport syntax.
      assertThatExceptionOfType(InvalidReferenceException.class)
          .isThrownBy(() -> ArchiveReference.parseTransport("docker-archive:" + input))
          .withMessage(expected.error());
      return;
    }
    ArchiveReference ref = ArchiveReference.parse(input);
    assertThat(ref.path()).isEqualTo(expected.path());
    if (expected.ref() == null) {
      assertThat(ref.reference()).isNull();
    } else {
      assertThat(ref.reference()).isNotNull();
      assertThat(ref.reference().canonical()).isEqualTo(expected.ref());
      assertThat(ref.reference().hasTag()).isTrue();
      assertThat(ref.reference().hasDigest()).isFalse();
    }
    assertThat(ref.index()).isEqualTo(expected.index());
    assertThat(ref.hasIndex()).isEqualTo(expected.index() != -1);
    assertThat(ArchiveReference.parseTransport("docker-archive:" + input)).isEqualTo(ref);
  }

  /** TestNewReference: relative and absolute paths × {tagged, tagged+digest, null}. */
  static Stream<Arguments> newReferenceTable() {
    List<Arguments> rows = new ArrayList<>();
    for (String path : new String[] {"relative", "/absolute"}) {
      rows.add(
          argumentSet(
              "REF-1 TestNewReference " + path + " + busybox:notlatest",
              path,
              "busybox:notlatest",
              null));
      rows.add(
          argumentSet(
              "REF-1 TestNewReference " + path + " + busybox:notlatest@digest",
              path,
              "busybox:notlatest" + SHA256_DIGEST,
              "docker-archive doesn't support digest references: docker.io/library/busybox:notlatest"
                  + SHA256_DIGEST));
      rows.add(argumentSet("REF-1 TestNewReference " + path + " + null", path, null, null));
    }
    return rows.stream();
  }

  @ParameterizedTest
  @MethodSource("newReferenceTable")
  @DisplayName("REF-1 TestNewReference table")
  void newReference(String path, String ref, String error) throws InvalidReferenceException {
    DockerReference tagged = ref == null ? null : DockerReference.parseNormalized(ref);
    if (error != null) {
      assertThatExceptionOfType(InvalidReferenceException.class)
          .isThrownBy(() -> ArchiveReference.of(path, tagged))
          .withMessage(error)
          .satisfies(e -> assertThat(e.rule()).isEqualTo("REF-1"));
      return;
    }
    ArchiveReference archiveRef = ArchiveReference.of(path, tagged);
    assertThat(archiveRef.path()).isEqualTo(path);
    assertThat(archiveRef.reference()).isEqualTo(tagged);
    assertThat(archiveRef.index()).isEqualTo(-1);
  }

  @Test
  @DisplayName("REF-1 TestNewReference: a colon in the path is refused (containers/image #460)")
  void newReferenceColonInPath() {
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.of("with:colon", null))
        .withMessage(
            "Invalid docker-archive: reference: colon in path \"with:colon\" is not" + " supported")
        .satisfies(e -> assertThat(e.rule()).isEqualTo("REF-1"));
    // The path is Go-quoted.
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.of("a:\"b\"\t\\", null))
        .withMessage(
            "Invalid docker-archive: reference: colon in path \"a:\\\"b\\\"\\t\\\\\" is"
                + " not supported");
  }

  @Test
  @DisplayName(
      "REF-1 TestNewReference: the shared constructor refuses a tag with an index, and"
          + " an index below -1")
  void sharedConstructorChecks() throws InvalidReferenceException {
    DockerReference busybox = DockerReference.parseNormalized("busybox:latest");
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.create("path", busybox, 0))
        .withMessage("Invalid docker-archive: reference: cannot use both a tag and a source index");
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.create("path", null, -2))
        .withMessage("Invalid docker-archive: reference: index @-2 must not be negative");
    // The colon check comes first.
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.create("a:b", busybox, -2))
        .withMessage("Invalid docker-archive: reference: colon in path \"a:b\" is not supported");
  }

  @Test
  @DisplayName("REF-1 of() refuses a reference without a tag (Go's types rule it out)")
  void newReferenceWithoutTag() throws InvalidReferenceException {
    DockerReference nameOnly = DockerReference.parseNormalized("busybox");
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.of("/p", nameOnly))
        .withMessage("reference does not include a tag: docker.io/library/busybox");
    DockerReference digestOnly = DockerReference.parseNormalized("busybox" + SHA256_DIGEST);
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.of("/p", digestOnly))
        .withMessage(
            "docker-archive doesn't support digest references: docker.io/library/busybox"
                + SHA256_DIGEST);
  }

  /** TestNewIndexReference: relative and absolute paths × {0, 9999990, -1, -2}. */
  static Stream<Arguments> newIndexReferenceTable() {
    List<Arguments> rows = new ArrayList<>();
    for (String path : new String[] {"relative", "/absolute"}) {
      for (int index : new int[] {0, 9999990, -1, -2}) {
        String error =
            index < 0 ? "invalid call to NewIndexReference with negative index " + index : null;
        rows.add(
            argumentSet("REF-1 TestNewIndexReference " + path + " @" + index, path, index, error));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest
  @MethodSource("newIndexReferenceTable")
  @DisplayName("REF-1 TestNewIndexReference table")
  void newIndexReference(String path, int index, String error) throws InvalidReferenceException {
    if (error != null) {
      assertThatExceptionOfType(InvalidReferenceException.class)
          .isThrownBy(() -> ArchiveReference.ofIndex(path, index))
          .withMessage(error)
          .satisfies(e -> assertThat(e.rule()).isEqualTo("REF-1"));
      return;
    }
    ArchiveReference ref = ArchiveReference.ofIndex(path, index);
    assertThat(ref.path()).isEqualTo(path);
    assertThat(ref.reference()).isNull();
    assertThat(ref.index()).isEqualTo(index);
  }

  @Test
  @DisplayName("REF-1 TestNewIndexReference: a colon in the path is refused")
  void newIndexReferenceColonInPath() {
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.ofIndex("with:colon", 0))
        .withMessage(
            "Invalid docker-archive: reference: colon in path \"with:colon\" is not"
                + " supported");
  }

  /**
   * validReferenceTestCases of transport_test.go, used by TestReferenceStringWithinTransport and
   * TestReferenceDockerReference.
   */
  static Stream<Arguments> stringWithinTransportTable() {
    String t = "TestReferenceStringWithinTransport";
    return Stream.of(
        argumentSet("REF-1 " + t + ": /pathonly", "/pathonly", null, "/pathonly"),
        argumentSet(
            "REF-2 " + t + ": /path:busybox:notlatest",
            "/path:busybox:notlatest",
            "docker.io/library/busybox:notlatest",
            "/path:docker.io/library/busybox:notlatest"),
        argumentSet(
            "REF-2 " + t + ": /path:docker.io/library/busybox:latest",
            "/path:docker.io/library/busybox:latest",
            "docker.io/library/busybox:latest",
            "/path:docker.io/library/busybox:latest"),
        argumentSet(
            "REF-2 " + t + ": /path:example.com/ns/foo:bar",
            "/path:example.com/ns/foo:bar",
            "example.com/ns/foo:bar",
            "/path:example.com/ns/foo:bar"),
        argumentSet("REF-1 " + t + ": /path:@0", "/path:@0", null, "/path:@0"),
        argumentSet("REF-1 " + t + ": /path:@999999", "/path:@999999", null, "/path:@999999"),
        argumentSet("REF-1 section 10.9: /path:@+5", "/path:@+5", null, "/path:@5"),
        argumentSet(
            "REF-2 section 10.9: /path:localhost:5000/x:y",
            "/path:localhost:5000/x:y",
            "localhost:5000/x:y",
            "/path:localhost:5000/x:y"),
        argumentSet(
            "REF-2 section 10.9: empty path",
            ":busybox",
            "docker.io/library/busybox:latest",
            ":docker.io/library/busybox:latest"));
  }

  @ParameterizedTest
  @MethodSource("stringWithinTransportTable")
  @DisplayName("REF-1/REF-2 TestReferenceStringWithinTransport round trip")
  void stringWithinTransport(String input, String dockerRef, String within)
      throws InvalidReferenceException {
    ArchiveReference ref = ArchiveReference.parse(input);
    assertThat(ref.stringWithinTransport()).isEqualTo(within);
    assertThat(ref).hasToString("docker-archive:" + within);
    // TestReferenceDockerReference: null for the path-only and index cases.
    if (dockerRef == null) {
      assertThat(ref.reference()).isNull();
    } else {
      assertThat(ref.reference()).hasToString(dockerRef);
    }
    // One more round: the output parses to an equal reference with the same string.
    ArchiveReference again = ArchiveReference.parse(within);
    assertThat(again).isEqualTo(ref);
    assertThat(again.stringWithinTransport()).isEqualTo(within);
    assertThat(ArchiveReference.parseTransport(ref.toString())).isEqualTo(ref);
  }

  @Test
  @DisplayName("REF-1 parseTransport requires the docker-archive: prefix and names it")
  void parseTransportNeedsPrefix() {
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.parseTransport("oci-archive:/p.tar"))
        .withMessage(
            "Invalid image name \"oci-archive:/p.tar\", expected the transport prefix"
                + " \"docker-archive:\"")
        .satisfies(e -> assertThat(e.rule()).isEqualTo("REF-1"));
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.parseTransport("/p.tar"))
        .withMessageContaining("\"docker-archive:\"");
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.parseTransport("docker-archive:"))
        .withMessage("docker-archive reference  isn't of the form <path>[:<reference>]");
  }

  @Test
  @DisplayName("REF-1 an index is refused when writing")
  void forWriting() throws InvalidReferenceException {
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.parse("/p:@3").forWriting())
        .withMessage("Destination reference must not contain a manifest index @3")
        .satisfies(e -> assertThat(e.rule()).isEqualTo("REF-1"));
    ArchiveReference tagged = ArchiveReference.parse("/p:busybox");
    assertThat(tagged.forWriting()).isSameAs(tagged);
    ArchiveReference untagged = ArchiveReference.parse("/p");
    assertThat(untagged.forWriting()).isSameAs(untagged);
  }

  @Test
  @DisplayName("REF-1 a parse error of the REF part keeps the Docker error as its cause")
  void parseErrorCause() {
    assertThatExceptionOfType(InvalidReferenceException.class)
        .isThrownBy(() -> ArchiveReference.parse("/p:Foo/Bar"))
        .withMessage(
            "docker-archive parsing reference: invalid reference format: repository name (Bar)"
                + " must be lowercase")
        .havingCause()
        .isInstanceOf(InvalidReferenceException.class)
        .withMessage("invalid reference format: repository name (Bar) must be lowercase");
  }
}
