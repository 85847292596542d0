package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.ArchiveException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential tests of tar reading against Go's {@code archive/tar} (the reader of skopeo, podman,
 * Docker and containerd): the same bytes go to {@link TarIndex} and to Go, and both must give the
 * same verdict (readable or not) and, when readable, the same entries: name, kind, link target, and
 * for regular files size and content digest.
 */
class GoTarDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("godiff-tar");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  @Property(tries = 3000)
  void generatedTarsReadAsGoReadsThem(@ForAll("cases") GoTarCases.TarCase tarCase)
      throws Exception {
    count(assertSameAsGo(tarCase.bytes(), tarCase.toString(), dir));
  }

  @Property(tries = 1500)
  void mutatedTarsReadAsGoReadsThem(@ForAll("mutated") byte[] bytes) throws Exception {
    count(assertSameAsGo(bytes, "mutated", dir));
  }

  static void count(boolean goAccepts) {
    Statistics.label("Go's verdict").collect(goAccepts ? "readable" : "refused");
  }

  @Provide
  Arbitrary<GoTarCases.TarCase> cases() {
    return GoTarCases.cases();
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return GoTarCases.mutated();
  }

  /** Asserts that the reader and Go agree on the bytes; returns whether Go reads them. */
  static boolean assertSameAsGo(byte[] bytes, String description, Path directory) throws Exception {
    JsonNode go = GoReference.get().ask(GoReference.Kind.TAR, bytes);
    JsonNode ours = ours(bytes, directory);
    assertThat(ours.get("ok").asBoolean())
        .as(
            "verdict for %s%n  Go:   %s%n  ours: %s%n  bytes: %s",
            description, go, ours, HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 2048)))
        .isEqualTo(go.get("ok").asBoolean());
    if (go.get("ok").asBoolean()) {
      assertThat(ours.get("entries"))
          .as("entries of %s%n  Go:   %s%n  ours: %s", description, go, ours)
          .isEqualTo(normalise(go.get("entries")));
    }
    return go.get("ok").asBoolean();
  }

  /** Go's entries reduced to what the comparison covers. */
  static JsonNode normalise(JsonNode goEntries) {
    ArrayNode out = JSON.createArrayNode();
    if (goEntries == null) {
      return out;
    }
    for (JsonNode e : goEntries) {
      ObjectNode n = out.addObject();
      String kind =
          e.path("sparse").asBoolean() ? EntryType.OTHER.name() : kind(e.get("type").asText());
      // A global header's name is Go's only when all its records are valid (mergePAX stops at the
      // first bad one, in map order), and no loader reads a global header as a file.
      n.put("name", e.get("type").asText().equals("g") ? "" : e.get("name").asText());
      n.put("kind", kind);
      n.put("link", e.get("link").asText());
      if (kind.equals("FILE")) {
        n.put("size", e.get("size").asLong());
        n.put("sha256", e.get("sha256").asText());
      }
    }
    return out;
  }

  private static String kind(String typeflag) {
    return switch (typeflag) {
      case "0", "7" -> "FILE";
      case "5" -> "DIRECTORY";
      case "1" -> "HARDLINK";
      case "2" -> "SYMLINK";
      default -> "OTHER";
    };
  }

  /**
   * How Go's JSON encoder prints a name: each invalid byte (kept as a lone surrogate) as U+FFFD.
   */
  static String goText(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        b.append('\ufffd');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** What {@link TarIndex} makes of the bytes, in the normalised form. */
  static JsonNode ours(byte[] bytes, Path directory) throws Exception {
    Path file = Files.createTempFile(directory, "case", ".tar");
    try {
      Files.write(file, bytes);
      ObjectNode result = JSON.createObjectNode();
      TarIndex index;
      try {
        index = TarIndex.build(file, "case");
      } catch (ArchiveException e) {
        result.put("ok", false);
        result.put("err", e.getMessage());
        return result;
      }
      result.put("ok", true);
      ArrayNode entries = result.putArray("entries");
      try (FileChannel channel = FileChannel.open(file)) {
        List<GoTarReader.Header> headers = GoTarReader.readAll(channel);
        for (int i = 0; i < index.entries().size(); i++) {
          TarEntry e = index.entries().get(i);
          boolean isGlobalHeader = headers.get(i).typeflag() == 'g';
          ObjectNode n = entries.addObject();
          n.put("name", isGlobalHeader ? "" : goText(e.rawName()));
          n.put("kind", e.type().name());
          n.put("link", goText(e.linkName()));
          if (e.type() == EntryType.FILE) {
            n.put("size", e.size());
            ByteBuffer data = ByteBuffer.allocate((int) e.size());
            channel.read(data, e.dataOffset());
            n.put(
                "sha256",
                HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(data.array())));
          }
        }
      }
      return result;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
