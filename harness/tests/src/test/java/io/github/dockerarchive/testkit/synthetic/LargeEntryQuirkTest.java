package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.TarEntry;
import io.github.dockerarchive.testkit.tar.TarField;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expensive quirks of the catalogue, entries of 8 GiB and more (WR-14), which the catalogue and
 * family tests skip: the shape is in the bytes (the large size in a PAX {@code size} record of the
 * outer tar or of the layer tar), the reader reads the image as its truth and {@code verify}
 * reports nothing, and the archive is small on disk. Runs in the surefire execution {@code
 * large-entries}, about a minute per quirk. Loading them in Docker, skopeo and podman unpacks the 8
 * GiB into each tool's storage (minutes and 8 GiB of disk each): {@link QuirkInteropTest} does it
 * when its system property names them, {@code
 * -Ddockerarchive.interop.quirks=outer-8-gib-entry,layer-8-gib-member}.
 */
@DisplayName("WR-14 quirks: an outer entry and a layer member of 8 GiB, shape, verdict, disk")
class LargeEntryQuirkTest {
  /** What an archive of these quirks may take on disk: the 8 GiB are holes or compressed. */
  private static final long SMALL_ON_DISK = 64L << 20;

  @TempDir Path dir;

  static Stream<Quirk> expensiveQuirks() {
    return Arrays.stream(Quirk.values()).filter(Quirk::expensive);
  }

  @Test
  @DisplayName("the catalogue marks exactly the quirks of 8 GiB entries as expensive")
  void expensiveAreTheLargeEntries() {
    assertThat(expensiveQuirks())
        .containsExactlyInAnyOrder(Quirk.OUTER_8_GIB_ENTRY, Quirk.LAYER_8_GIB_MEMBER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expensiveQuirks")
  @DisplayName(
      "the shape is in the bytes, the image reads as its truth and verifies, small on disk")
  void shapeVerdictAndDisk(Quirk quirk) throws Exception {
    ArchiveFixture fixture =
        SyntheticArchives.materialize(quirk.spec(), dir.resolve(quirk.id() + ".tar"));
    assertThat(fixture.spec().quirks()).contains(quirk);
    switch (quirk) {
      case OUTER_8_GIB_ENTRY -> assertOuterEntry(fixture);
      case LAYER_8_GIB_MEMBER -> assertLayerMember(fixture);
      default -> fail("no shape assertion for the expensive quirk " + quirk.id());
    }
    QuirkFamilyTest.assertVerdict(quirk, fixture);
  }

  @Test
  @DisplayName("with PAX headers before every entry: one PAX header holds path, mtime and size")
  void paxHeadersAndAnEightGibEntry() throws Exception {
    ArchiveSpec spec = Quirk.OUTER_8_GIB_ENTRY.applyTo(Quirk.OUTER_PAX_HEADERS.spec());
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("pax-large.tar"));
    String layer = topLayerPath(fixture);
    long size = fixture.image(0).storedSizes().get(fixture.image(0).storedSizes().size() - 1);
    List<RawHeader> headers = RawHeader.walk(fixture.path());
    int at = indexOf(headers, layer);
    RawHeader pax = headers.get(at - 1);
    assertThat(pax.type()).isEqualTo(TarHeader.PAX);
    assertThat(pax.records())
        .isEqualTo(
            TarHeader.paxRecord("mtime", "0")
                + TarHeader.paxRecord("path", layer)
                + TarHeader.paxRecord("size", Long.toString(size)));
    assertThat(headers.get(at - 2).type())
        .as("the entry before the PAX header is another entry, not a second PAX header")
        .isNotEqualTo(TarHeader.PAX);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      assertThat(entry(reader, layer).size()).isEqualTo(size);
    }
  }

  /**
   * The layer on top is an outer entry over 8 GiB: a PAX header with its {@code size} record right
   * before its header, whose size field holds 0; its two 4 GiB members have plain ustar headers.
   * The archive file's apparent size is over 8 GiB, the blocks it occupies are few (the zeros are
   * holes).
   */
  private static void assertOuterEntry(ArchiveFixture fixture) throws Exception {
    String layer = topLayerPath(fixture);
    List<RawHeader> headers = RawHeader.walk(fixture.path());
    int at = indexOf(headers, layer);
    RawHeader main = headers.get(at);
    RawHeader pax = headers.get(at - 1);
    long size = fixture.image(0).storedSizes().get(fixture.image(0).storedSizes().size() - 1);
    assertThat(size).isGreaterThanOrEqualTo(8L << 30);
    assertThat(pax.type()).isEqualTo(TarHeader.PAX);
    assertThat(pax.records()).isEqualTo(TarHeader.paxRecord("size", Long.toString(size)));
    assertThat(main.sizeField()).isEqualTo("00000000000\0");
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      TarEntry entry = entry(reader, layer);
      assertThat(entry.size()).isEqualTo(size);
      byte[] member = RawHeader.read(fixture.path(), entry.dataOffset(), TarHeader.BLOCK);
      assertThat((char) member[TarField.TYPE.offset()])
          .as("the layer's first member: a regular file, no PAX header")
          .isEqualTo('0');
      assertThat(new String(member, 0, 15, StandardCharsets.UTF_8)).isEqualTo("large/first.bin");
    }
    assertThat(Files.size(fixture.path())).isGreaterThan(8L << 30);
    assertThat(allocatedBytes(fixture.path()))
        .as("bytes the sparse archive occupies on disk")
        .isLessThan(SMALL_ON_DISK);
  }

  /**
   * The gzip layer on top holds an 8 GiB member: a PAX header with its {@code size} comes first in
   * the layer tar, and the member reads back with that size; the archive file is small.
   */
  private static void assertLayerMember(ArchiveFixture fixture) throws Exception {
    assertThat(Files.size(fixture.path())).isLessThan(SMALL_ON_DISK);
    String layer = topLayerPath(fixture);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      try (InputStream stored = reader.openEntry(layer)) {
        assertThat(stored.readNBytes(2)).containsExactly(0x1f, 0x8b);
      }
      LargeEntryTest.assertFirstMemberHasPaxSize(
          reader, layer, CompressorStreamFactory.GZIP, "large.bin", 8L << 30);
    }
  }

  private static String topLayerPath(ArchiveFixture fixture) {
    List<String> paths = fixture.image(0).layerPaths();
    return paths.get(paths.size() - 1);
  }

  private static TarEntry entry(ArchiveReader reader, String name) {
    return reader.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static int indexOf(List<RawHeader> headers, String name) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).type() != TarHeader.PAX
          && headers.get(i).fullName(headers, i).equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no header for " + name + " among " + headers);
  }

  /** The blocks a file occupies on disk, from {@code stat --format=%b %B}. */
  private static long allocatedBytes(Path file) throws IOException, InterruptedException {
    Process stat =
        new ProcessBuilder("stat", "--format=%b %B", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(stat.waitFor()).as("stat: %s", out).isZero();
    String[] parts = out.strip().split(" ");
    return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
  }

  /**
   * One header block of the uncompressed outer tar as stored, with its data when it is a PAX
   * header; {@link #walk} reads the headers only, jumping over the data of other entries.
   */
  private record RawHeader(long offset, byte type, String name, String sizeField, String records) {
    private static final Pattern SIZE = Pattern.compile("\\d+ size=(\\d+)\n");
    private static final Pattern PATH = Pattern.compile("\\d+ path=([^\n]*)\n");

    /** The entry's name: the {@code path} record of a PAX header right before it, or its field. */
    String fullName(List<RawHeader> headers, int index) {
      if (index > 0 && headers.get(index - 1).type() == TarHeader.PAX) {
        Matcher m = PATH.matcher(headers.get(index - 1).records());
        if (m.find()) {
          return m.group(1);
        }
      }
      return name;
    }

    static List<RawHeader> walk(Path tar) throws IOException {
      List<RawHeader> headers = new ArrayList<>();
      long length = Files.size(tar);
      long at = 0;
      Long paxSize = null;
      while (at + TarHeader.BLOCK <= length) {
        byte[] block = read(tar, at, TarHeader.BLOCK);
        if (Arrays.equals(block, new byte[TarHeader.BLOCK])) {
          break;
        }
        byte type = block[TarField.TYPE.offset()];
        String sizeField = field(block, TarField.SIZE);
        long size =
            paxSize != null ? paxSize : Long.parseLong(sizeField.strip().replace("\0", ""), 8);
        paxSize = null;
        String records = "";
        if (type == TarHeader.PAX) {
          records = new String(read(tar, at + TarHeader.BLOCK, (int) size), StandardCharsets.UTF_8);
          Matcher m = SIZE.matcher(records);
          paxSize = m.find() ? Long.parseLong(m.group(1)) : null;
        }
        String name = field(block, TarField.NAME).replace("\0", "");
        headers.add(new RawHeader(at, type, name, sizeField, records));
        at += TarHeader.BLOCK + size + TarHeader.padding(size);
      }
      return headers;
    }

    static byte[] read(Path file, long offset, int length) throws IOException {
      try (FileChannel channel = FileChannel.open(file)) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
          // keep reading
        }
        return buffer.array();
      }
    }

    private static String field(byte[] block, TarField field) {
      return new String(block, field.offset(), field.length(), StandardCharsets.ISO_8859_1);
    }
  }
}
