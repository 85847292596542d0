package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.InvalidSpecException;
import io.github.dockerarchive.testkit.image.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Specs as JSON: exact round trips, stable text, errors that name the field. */
@DisplayName("SpecJson: specs round-trip exactly and bad JSON is refused naming the field")
class SpecJsonTest {
  @TempDir Path dir;

  static ArchiveSpec rich(Dialect dialect, Corruption corruption) {
    ConfigSpec config =
        new ConfigSpec(
            "arm64",
            "linux",
            null,
            List.of("A=1", "B=<&>"),
            List.of("/bin/sh", "-c", "echo ü"),
            Map.of("z", "last", "a", "first", "m", ""));
    return ArchiveSpec.builder()
        .dialect(dialect)
        .compression(Compression.XZ)
        .corruption(corruption)
        .seed(-42)
        .image(
            new ImageSpec(
                List.of("example.com/app:1", "busybox"),
                List.of(
                    LayerSpec.of(
                        FileSpec.directory("etc"),
                        new FileSpec("etc/secret", EntryKind.FILE, 10, 0600, null),
                        FileSpec.symlink("etc/l", "secret"),
                        FileSpec.hardlink("etc/h", "etc/secret"),
                        FileSpec.whiteout("old"),
                        FileSpec.opaqueWhiteout("var"),
                        FileSpec.file("ünï/" + "x".repeat(150), 1),
                        FileSpec.file("caf\u00e9", 2)
                            .withHeader(
                                MemberHeader.of(MemberFormat.GNU)
                                    .withEncoding(NameEncoding.LATIN_1)),
                        FileSpec.symlink("l2", "t")
                            .withHeader(
                                MemberHeader.of(MemberFormat.PAX)
                                    .withPaxRecord("path", "")
                                    .withPaxRecord("mtime", "1.5")),
                        FileSpec.file("u", 0).withHeader(MemberHeader.of(MemberFormat.USTAR)),
                        FileSpec.fifo("pipe").withMode(01644)),
                    LayerSpec.of().withCompression(Compression.ZSTD),
                    LayerSpec.filler(1L << 33).withCompression(Compression.NONE)),
                config))
        .image(List.of(), LayerSpec.filler(3))
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  @DisplayName("round trip: fromJson(toJson(spec)) equals spec, and the text is stable")
  void roundTrips(Dialect dialect) throws Exception {
    for (Corruption c : Corruption.values()) {
      ArchiveSpec spec = rich(dialect, c);
      String json = SpecJson.toJson(spec);
      assertThat(SpecJson.fromJson(json)).isEqualTo(spec);
      assertThat(SpecJson.toJson(SpecJson.fromJson(json))).isEqualTo(json);
    }
  }

  @Test
  @DisplayName("ids are lower case; labels sorted; modes octal; null compression left out")
  void textForm() {
    String json = SpecJson.toJson(rich(Dialect.DOCKER_HYBRID, Corruption.MISSING_LAYER));
    assertThat(json)
        .contains("\"dialect\" : \"docker-hybrid\"")
        .contains("\"compression\" : \"xz\"")
        .contains("\"corruption\" : \"missing-layer\"")
        .contains("\"kind\" : \"opaque-whiteout\"")
        .contains("\"mode\" : \"0600\"")
        .contains("\"header\" : {")
        .contains("\"format\" : \"gnu\"")
        .contains("\"encoding\" : \"latin-1\"")
        .contains("\"kind\" : \"fifo\"")
        .contains("\"compression\" : \"zstd\"");
    assertThat(json.indexOf("\"a\" : \"first\"")).isLessThan(json.indexOf("\"m\" : \"\""));
    assertThat(json.indexOf("\"m\" : \"\"")).isLessThan(json.indexOf("\"z\" : \"last\""));
    assertThat(json.split("\"compression\"", -1)).hasSize(4); // archive + 2 layers
  }

  @Test
  @DisplayName("missing keys take the builder's defaults")
  void defaults() throws Exception {
    ArchiveSpec spec =
        SpecJson.fromJson(
            "{\"images\":[{\"tags\":[\"a:1\"],\"layers\":[{\"files\":[{\"path\":\"f\",\"size\":3}]}]}]}");
    assertThat(spec)
        .isEqualTo(
            ArchiveSpec.builder()
                .image(List.of("a:1"), LayerSpec.of(FileSpec.file("f", 3)))
                .build());
  }

  @Test
  @DisplayName("quirks round-trip by id, each once, in the order given")
  void quirksRoundTrip() throws Exception {
    ArchiveSpec spec = Quirk.OUTER_GZIP.applyTo(Quirk.DOCKER25_BLOB_PATHS.spec());
    assertThat(spec.quirks()).containsExactly(Quirk.DOCKER25_BLOB_PATHS, Quirk.OUTER_GZIP);
    assertThat(spec.withQuirk(Quirk.OUTER_GZIP)).isEqualTo(spec);
    String json = SpecJson.toJson(spec);
    assertThat(json).contains("\"quirks\" : [ \"docker25-blob-paths\", \"outer-gzip\" ]");
    assertThat(SpecJson.fromJson(json)).isEqualTo(spec);
    assertThat(SpecJson.toJson(Quirk.baseSpec())).doesNotContain("quirks");
  }

  @Test
  @DisplayName("a layer's file content round-trips as \"content\", left out when seeded")
  void contentRoundTrip() throws Exception {
    ArchiveSpec spec =
        ArchiveSpec.builder()
            .image(
                List.of("x:1"),
                LayerSpec.filler(10).withContent(FileContent.ZEROS),
                LayerSpec.filler(10))
            .build();
    String json = SpecJson.toJson(spec);
    assertThat(json).containsOnlyOnce("\"content\" : \"zeros\"");
    assertThat(SpecJson.fromJson(json)).isEqualTo(spec);
    assertThatThrownBy(
            () ->
                SpecJson.fromJson(
                    "{\"images\":[{\"layers\":[{\"content\":\"ones\",\"files\":[]}]}]}"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("unknown file content \"ones\"");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"dialect\":\"docker-2000\"} | spec.dialect: unknown dialect \"docker-2000\"",
        "{\"compression\":\"lz4\"} | spec.compression: unknown compression \"lz4\"",
        "{\"corruption\":7} | spec.corruption: expected a string, got number",
        "{\"seed\":\"x\"} | spec.seed: expected an integer, got string",
        "{\"colour\":1} | spec.colour: unknown key",
        "{\"quirks\":[\"no-such-quirk\"]} | spec.quirks[0]: unknown quirk \"no-such-quirk\"",
        "{\"quirks\":[3]} | spec.quirks[0]: expected a string, got number",
        "[] | spec: expected a JSON object, got array",
        "{\"images\":{}} | spec.images: expected an array, got object",
        "{\"images\":[{\"tags\":[1]}]} | spec.images[0].tags[0]: expected a string, got number",
        "{\"images\":[{\"layers\":[{\"files\":[{\"path\":\"a\",\"size\":-1}]}]}]} | spec.images[0].layers[0].files[0]: file \"a\": size -1",
        "{\"images\":[{\"layers\":[{\"files\":[{\"path\":\"a\",\"mode\":\"9\"}]}]}]} | spec.images[0].layers[0].files[0].mode: expected an octal mode",
        "{\"images\":[{\"layers\":[{\"files\":[{\"kind\":\"file\"}]}]}]} | spec.images[0].layers[0].files[0]: a file needs a path",
        "{\"images\":[{\"config\":{\"labels\":{\"a\":1}}}]} | spec.images[0].config.labels.a: expected a string",
        "{\"images\": | spec: not valid JSON",
        "{\"images\":[{\"layers\":[{\"files\":[{\"path\":\"a\",\"header\":{\"format\":\"v7\"}}]}]}]} | spec.images[0].layers[0].files[0].header.format: unknown member format \"v7\"",
        "{\"images\":[{\"layers\":[{\"files\":[{\"path\":\"a\",\"header\":{\"format\":\"pax\",\"encoding\":\"latin-1\"}}]}]}]} | spec.images[0].layers[0].files[0].header: member header: encoding latin-1 needs format ustar or gnu, got pax",
        "{\"images\":[{\"layers\":[{\"files\":[{\"path\":\"a\",\"header\":{\"paxRecords\":{\"x\":\"1\"}}}]}]}]} | spec.images[0].layers[0].files[0].header: member header: PAX records [x] need format pax, got commons",
      })
  @DisplayName("SAFE-1: malformed specs fail with InvalidSpecException naming the field")
  void refusesNamingTheField(String json, String message) {
    assertThatThrownBy(() -> SpecJson.fromJson(json))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("read(Path) reads a file and names it in errors")
  void readsFiles() throws Exception {
    ArchiveSpec spec = rich(Dialect.CONTAINERD, Corruption.NONE);
    Path file = Files.writeString(dir.resolve("spec.json"), SpecJson.toJson(spec));
    assertThat(SpecJson.read(file)).isEqualTo(spec);
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"seed\":1.5}");
    assertThatThrownBy(() -> SpecJson.read(bad))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("spec.seed");
  }
}
