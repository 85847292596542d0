package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layer writer's bytes equal what commons-compress writes when the content goes through its
 * stream too (the writer's earlier form): same headers, PAX records, padding and end blocks, so
 * every diffID stays what it was.
 */
@DisplayName("LayerTarWriter: content outside commons-compress, byte for byte the same tar")
class LayerTarWriterTest {
  @Test
  @DisplayName("every entry kind, long, 100-byte, PAX-only and unicode names, sizes around 512")
  void sameBytesAsThroughCommonsCompress() throws Exception {
    List<List<FileSpec>> layers = new ArrayList<>();
    layers.add(List.of());
    for (long size : new long[] {0, 1, 511, 512, 513, 1024, 70_000}) {
      layers.add(List.of(FileSpec.file("f.bin", size)));
    }
    String hundred = "hundred/" + "x".repeat(92);
    layers.add(
        List.of(
            FileSpec.directory("etc"),
            FileSpec.file("etc/passwd", 700),
            FileSpec.hardlink("etc/hard", "etc/passwd"),
            FileSpec.symlink("link", "/etc/passwd"),
            FileSpec.whiteout("gone"),
            FileSpec.opaqueWhiteout("opaque"),
            FileSpec.file(hundred, 3),
            FileSpec.file("l".repeat(150), 5),
            FileSpec.file(("p".repeat(90) + "/").repeat(3) + "deep", 9),
            FileSpec.file("ünïcødé/日本語-😀", 11),
            FileSpec.symlink("s".repeat(120), "t".repeat(130)),
            FileSpec.file("empty", 0)));
    LayerTarWriter writer = new LayerTarWriter(new ContentGenerator());
    for (List<FileSpec> files : layers) {
      ByteArrayOutputStream actual = new ByteArrayOutputStream();
      long first = writer.write(files, 42, actual);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      long expectedFirst = throughCommonsCompress(files, 42, expected);
      assertThat(actual.toByteArray()).as("layer %s", files).isEqualTo(expected.toByteArray());
      assertThat(first).isEqualTo(expectedFirst);
    }
  }

  @Test
  @DisplayName("a PAX member of 8 GiB with a long name gets one PAX header holding both records")
  void paxMemberOfEightGibHasOnePaxHeader() throws Exception {
    String name = "d/" + "n".repeat(120);
    long size = 8L << 30;
    FileSpec file =
        FileSpec.file(name, size)
            .withHeader(MemberHeader.of(MemberFormat.PAX).withPaxRecord("a", ""));

    byte[] blocks = LayerTarWriter.headerBlocks(file);

    assertThat(blocks.length).isEqualTo(3 * 512);
    assertThat((char) blocks[156]).as("first header's type").isEqualTo('x');
    String records = new String(blocks, 512, 512, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(records)
        .startsWith("5 a=\n")
        .contains(" path=" + name + "\n")
        .contains(" size=" + size + "\n");
    assertThat((char) blocks[1024 + 156]).as("member's type").isEqualTo('0');
    try (var tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new java.io.ByteArrayInputStream(blocks))) {
      var entry = tar.getNextEntry();
      assertThat(entry.getName()).isEqualTo(name);
      assertThat(entry.getSize()).isEqualTo(size);
    }
  }

  /** The writer as it was: content written through the tar stream, counted by a hashing stream. */
  private static long throughCommonsCompress(List<FileSpec> files, long seed, OutputStream out)
      throws IOException {
    ContentGenerator content = new ContentGenerator();
    long layerHash = ContentGenerator.layerHash(files);
    HashingOutputStream counting = new HashingOutputStream(out);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(counting, 512);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    long firstContent = -1;
    for (int i = 0; i < files.size(); i++) {
      FileSpec f = files.get(i);
      tar.putArchiveEntry(LayerTarWriter.entryFor(f));
      if (f.kind() == EntryKind.FILE && f.size() > 0) {
        if (firstContent < 0) {
          firstContent = counting.count();
        }
        content.write(ContentGenerator.fileSeed(seed, layerHash, i), f.size(), tar);
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    tar.flush();
    return firstContent;
  }
}
