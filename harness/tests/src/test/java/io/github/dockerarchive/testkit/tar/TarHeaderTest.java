package io.github.dockerarchive.testkit.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one header encoder: both number styles, raw field overrides and broken checksums. */
class TarHeaderTest {
  private static String field(byte[] block, TarField field) {
    return new String(
        Arrays.copyOfRange(block, field.offset(), field.offset() + field.length()),
        StandardCharsets.ISO_8859_1);
  }

  private static long storedChecksum(byte[] block) {
    return Long.parseLong(field(block, TarField.CHECKSUM).substring(0, 6), 8);
  }

  @Test
  @DisplayName("Go style: NUL-terminated octal, magic and version, device numbers, right checksum")
  void goStyle() {
    byte[] h = TarHeader.file("a/b.txt", 10).mode(0644).mtime(1).encode();
    assertThat(h).hasSize(TarHeader.BLOCK);
    assertThat(field(h, TarField.MODE)).isEqualTo("0000644\0");
    assertThat(field(h, TarField.SIZE)).isEqualTo("00000000012\0");
    assertThat(field(h, TarField.MTIME)).isEqualTo("00000000001\0");
    assertThat(field(h, TarField.MAGIC) + field(h, TarField.VERSION)).isEqualTo("ustar\0" + "00");
    assertThat(field(h, TarField.DEV_MAJOR)).isEqualTo("0000000\0");
    assertThat(field(h, TarField.CHECKSUM)).endsWith("\0 ");
    assertThat(storedChecksum(h)).isEqualTo(TarHeader.checksum(h, 0));
  }

  @Test
  @DisplayName("commons style: space-terminated octal, the mode with a space and a NUL")
  void commonsStyle() {
    byte[] h =
        TarHeader.file("x", 10).mode(0100644).numberStyle(TarHeader.NumberStyle.COMMONS).encode();
    assertThat(field(h, TarField.MODE)).isEqualTo("100644 \0");
    assertThat(field(h, TarField.SIZE)).isEqualTo("00000000012 ");
    assertThat(field(h, TarField.UID)).isEqualTo("0000000 ");
    TarArchiveEntry parsed = new TarArchiveEntry(h);
    assertThat(parsed.getName()).isEqualTo("x");
    assertThat(parsed.getSize()).isEqualTo(10);
    assertThat(parsed.getMode()).isEqualTo(0100644);
  }

  @Test
  @DisplayName("Raw bytes replace a field after encoding and the checksum covers them")
  void rawOverride() {
    byte[] h = TarHeader.file("x", 10).raw(TarField.SIZE, "0000002z000").encode();
    assertThat(field(h, TarField.SIZE)).isEqualTo("0000002z000\0");
    assertThat(storedChecksum(h)).isEqualTo(TarHeader.checksum(h, 0));
    byte[] noMagic = TarHeader.file("x", 0).raw(TarField.MAGIC, new byte[0]).encode();
    assertThat(field(noMagic, TarField.MAGIC)).isEqualTo("\0".repeat(6));
  }

  @Test
  @DisplayName("A bad checksum differs from the right one; a raw checksum is kept as given")
  void brokenChecksums() {
    byte[] bad = TarHeader.file("x", 1).badChecksum().encode();
    assertThat(storedChecksum(bad)).isEqualTo(TarHeader.checksum(bad, 0) ^ 1);
    byte[] raw = TarHeader.file("x", 1).raw(TarField.CHECKSUM, "zzzzzz").encode();
    assertThat(field(raw, TarField.CHECKSUM)).isEqualTo("zzzzzz\0\0");
    TarHeader.fixChecksum(raw, 0);
    assertThat(storedChecksum(raw)).isEqualTo(TarHeader.checksum(raw, 0));
  }

  @Test
  @DisplayName("What does not fit is refused with the field, the value and the limit")
  void refusesWhatDoesNotFit() {
    assertThatThrownBy(() -> TarHeader.file("n".repeat(101), 1).encode())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tar name")
        .hasMessageContaining("101 bytes, at most 100 fit");
    assertThatThrownBy(() -> TarHeader.file("big", 1L << 33).encode())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tar size 8589934592 does not fit a 12-byte octal field")
        .hasMessageContaining("encodeBlocks() writes it as a PAX record");
    assertThatThrownBy(() -> TarHeader.file("mode", 1).mode(010000000).encodeBlocks())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tar mode 2097152 does not fit a 8-byte octal field");
    assertThatThrownBy(() -> TarHeader.file("x", 0).raw(TarField.TYPE, "00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("raw tar type is 2 bytes, the field has 1");
  }

  @Test
  @DisplayName("WR-14: a size of 8 GiB goes into a PAX size record, the header's field holds 0")
  void paxSize() {
    long size = 1L << 33;
    byte[] blocks = TarHeader.file("dir/big.bin", size).mode(0644).encodeBlocks();
    assertThat(blocks).hasSize(3 * TarHeader.BLOCK);
    byte[] pax = Arrays.copyOfRange(blocks, 0, 512);
    assertThat(field(pax, TarField.NAME)).startsWith("dir/PaxHeaders.0/big.bin\0");
    assertThat(pax[TarField.TYPE.offset()]).isEqualTo(TarHeader.PAX);
    assertThat(field(pax, TarField.SIZE)).isEqualTo("00000000023\0");
    assertThat(field(pax, TarField.DEV_MAJOR)).isEqualTo("\0".repeat(8));
    assertThat(storedChecksum(pax)).isEqualTo(TarHeader.checksum(pax, 0));
    assertThat(new String(blocks, 512, 19, StandardCharsets.US_ASCII))
        .isEqualTo("19 size=8589934592\n");
    assertThat(Arrays.copyOfRange(blocks, 512 + 19, 1024)).containsOnly(0);
    byte[] main = Arrays.copyOfRange(blocks, 1024, 1536);
    assertThat(field(main, TarField.NAME)).startsWith("dir/big.bin\0");
    assertThat(field(main, TarField.SIZE)).isEqualTo("00000000000\0");
    assertThat(main).isEqualTo(TarHeader.file("dir/big.bin", 0).mode(0644).encode());
    assertThat(TarHeader.file("small", (1L << 33) - 1).encodeBlocks())
        .isEqualTo(TarHeader.file("small", (1L << 33) - 1).encode());
  }

  @Test
  @DisplayName("WR-14: uid, gid and mtime beyond octal become PAX records in key order")
  void paxRecordsInKeyOrder() {
    byte[] blocks =
        TarHeader.file("f", 1).uid(1L << 21).gid(1L << 22).mtime(-1).size(1L << 40).encodeBlocks();
    String data = new String(blocks, 512, 512, StandardCharsets.US_ASCII).replace("\0", "");
    assertThat(data)
        .isEqualTo(
            TarHeader.paxRecord("gid", "4194304")
                + TarHeader.paxRecord("mtime", "-1")
                + TarHeader.paxRecord("size", "1099511627776")
                + TarHeader.paxRecord("uid", "2097152"));
    byte[] main = Arrays.copyOfRange(blocks, 1024, 1536);
    assertThat(field(main, TarField.UID)).isEqualTo("0000000\0");
    assertThat(field(main, TarField.MTIME)).isEqualTo("00000000000\0");
    assertThat(TarHeader.of(TarHeader.DIRECTORY).name("a/dir/").uid(1L << 21).encodeBlocks())
        .satisfies(b -> assertThat(field(b, TarField.NAME)).startsWith("a/dir/PaxHeaders.0\0"));
  }

  @Test
  @DisplayName("WR-14: a long name's PAX records and a PAX size share one extended header")
  void paxRecordsAndSizeInOneHeader() throws Exception {
    String longName = "a-directory-whose-name-is-long-enough/".repeat(3) + "big.bin";
    long size = (1L << 33) + 3;
    byte[] blocks =
        TarHeader.file(longName.substring(0, 100), size)
            .mtime(7)
            .addPaxRecord("path", longName)
            .addPaxRecord("mtime", "7")
            .encodeBlocks();
    String records =
        TarHeader.paxRecord("mtime", "7")
            + TarHeader.paxRecord("path", longName)
            + TarHeader.paxRecord("size", Long.toString(size));
    int padded = records.length() + TarHeader.padding(records.length());
    assertThat(blocks).as("one PAX header, its data, the header").hasSize(512 + padded + 512);
    byte[] pax = Arrays.copyOfRange(blocks, 0, 512);
    assertThat(pax[TarField.TYPE.offset()]).isEqualTo(TarHeader.PAX);
    assertThat(field(pax, TarField.NAME)).startsWith(TarHeader.paxName(longName).substring(0, 100));
    assertThat(field(pax, TarField.SIZE))
        .isEqualTo(String.format("%011o", records.length()) + "\0");
    assertThat(new String(blocks, 512, records.length(), StandardCharsets.UTF_8))
        .isEqualTo(records);
    byte[] main = Arrays.copyOfRange(blocks, 512 + padded, blocks.length);
    assertThat(main[TarField.TYPE.offset()]).isEqualTo(TarHeader.REGULAR);
    assertThat(field(main, TarField.SIZE)).isEqualTo("00000000000\0");
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new java.io.ByteArrayInputStream(blocks))) {
      TarArchiveEntry entry = tar.getNextEntry();
      assertThat(entry.getName()).isEqualTo(longName);
      assertThat(entry.getSize()).isEqualTo(size);
    }
    assertThat(TarHeader.file("small", 1).addPaxRecord("path", "small").encodeBlocks())
        .as("a record alone also makes the PAX header")
        .hasSize(3 * 512);
  }

  @Test
  @DisplayName("WR-14: base-256 writes the number into the field, highest bit set (Go, GNU, star)")
  void base256() {
    byte[] h =
        TarHeader.file("big", (1L << 33) + 5)
            .uid(-1)
            .bigNumbers(TarHeader.BigNumbers.BASE_256)
            .encode();
    byte[] size = Arrays.copyOfRange(h, TarField.SIZE.offset(), TarField.SIZE.offset() + 12);
    assertThat(size).isEqualTo(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 5});
    byte[] uid = Arrays.copyOfRange(h, TarField.UID.offset(), TarField.UID.offset() + 8);
    assertThat(uid).containsOnly((byte) 0xff);
    assertThat(storedChecksum(h)).isEqualTo(TarHeader.checksum(h, 0));
    assertThat(field(h, TarField.MTIME)).isEqualTo("00000000000\0");
    TarArchiveEntry read = new TarArchiveEntry(h);
    assertThat(read.getSize()).isEqualTo((1L << 33) + 5);
    assertThatThrownBy(
            () ->
                TarHeader.file("x", 0)
                    .uid(1L << 56)
                    .bigNumbers(TarHeader.BigNumbers.BASE_256)
                    .encode())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tar uid 72057594037927936 does not fit a 8-byte base-256 field");
  }

  @Test
  @DisplayName("PAX records count their own length, as Go's formatPAXRecord does")
  void paxRecords() {
    assertThat(TarHeader.paxRecord("size", "1234567")).isEqualTo("16 size=1234567\n");
    assertThat(TarHeader.paxRecord("k", "v".repeat(94))).hasSize(101).startsWith("101 ");
    assertThat(TarHeader.paxName("a/b")).isEqualTo("a/PaxHeaders.0/b");
    assertThat(TarHeader.padding(513)).isEqualTo(511);
  }
}
