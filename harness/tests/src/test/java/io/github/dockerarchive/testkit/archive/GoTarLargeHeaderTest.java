package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WR-14 against Go's {@code archive/tar}: the headers our encoder writes for numbers beyond octal
 * (a PAX extended header, or base-256) are read by Go with the sizes we meant. Only the headers go
 * to Go: the case ends where an 8 GiB entry's data would start, and Go's headers-only reading stops
 * there.
 */
@DisplayName("WR-14: Go's archive/tar reads the headers of entries of any size as we wrote them")
class GoTarLargeHeaderTest {
  static Stream<Arguments> headers() {
    long size = (8L << 30) + 3;
    String longName = "a-directory-whose-name-is-long-enough/".repeat(3) + "big.tar";
    return Stream.of(
        Arguments.of(
            "a PAX path and a PAX size in one extended header",
            TarHeader.file(longName.substring(0, 100), size)
                .addPaxRecord("path", longName)
                .encodeBlocks(),
            size),
        Arguments.of("PAX size", TarHeader.file("big.tar", size).mode(0444).encodeBlocks(), size),
        Arguments.of(
            "PAX size, uid, gid and mtime",
            TarHeader.file("d/big.tar", 1L << 40)
                .uid(1L << 21)
                .gid(1L << 30)
                .mtime(-1)
                .encodeBlocks(),
            1L << 40),
        Arguments.of(
            "commons-style numbers and a PAX size",
            TarHeader.file("big.tar", size)
                .numberStyle(TarHeader.NumberStyle.COMMONS)
                .encodeBlocks(),
            size),
        Arguments.of(
            "base-256 size",
            TarHeader.file("big.tar", size).bigNumbers(TarHeader.BigNumbers.BASE_256).encode(),
            size),
        Arguments.of(
            "the largest octal size, no PAX",
            TarHeader.file("big.tar", (1L << 33) - 1).encodeBlocks(),
            (1L << 33) - 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void goReadsTheSize(String name, byte[] blocks, long size) throws Exception {
    JsonNode go = GoReference.get().ask(GoReference.Kind.TAR_HEADERS, blocks);
    assertThat(go.get("entries")).as("Go: %s", go).hasSize(1);
    JsonNode entry = go.get("entries").get(0);
    assertThat(entry.get("name").asText()).endsWith("big.tar");
    assertThat(entry.get("type").asText()).isEqualTo("0");
    assertThat(entry.get("size").asLong()).isEqualTo(size);
    assertThat(go.get("err").asText())
        .as("the case ends inside the data")
        .isEqualTo("unexpected EOF");
  }
}
