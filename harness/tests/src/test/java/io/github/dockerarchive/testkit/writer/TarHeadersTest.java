package io.github.dockerarchive.testkit.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Header bytes as Go's archive/tar writes them (docs/reference.md §2.7). */
@DisplayName("WR-7: tar headers byte-identical to Go's archive/tar")
class TarHeadersTest {
  static final String LAYER = WorkedExampleTest.LAYER;
  static final String ID = WorkedExampleTest.ID;

  /** A header built field by field from the table of §2.7, independently of TarHeaders. */
  static byte[] expected(String name, char type, String mode, String size, String link) {
    byte[] b = new byte[512];
    put(b, 0, name);
    put(b, 100, mode + "\0");
    put(b, 108, "0000000\0");
    put(b, 116, "0000000\0");
    put(b, 124, size + "\0");
    put(b, 136, "00000000000\0");
    put(b, 148, "        ");
    b[156] = (byte) type;
    put(b, 157, link);
    put(b, 257, "ustar\0");
    put(b, 263, "00");
    put(b, 329, "0000000\0");
    put(b, 337, "0000000\0");
    int sum = 0;
    for (byte x : b) {
      sum += x & 0xff;
    }
    put(b, 148, String.format("%06o", sum) + "\0 ");
    return b;
  }

  static void put(byte[] b, int offset, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, b, offset, bytes.length);
  }

  static byte[] golden() throws Exception {
    return Files.readAllBytes(
        Path.of(TarHeadersTest.class.getResource("/writer/skopeo-1.9.3-emptyimage.tar").toURI()));
  }

  @Test
  @DisplayName(
      "WR-7: a regular file: mode 0000444, 11-digit size, mtime/uid/gid 0, ustar, checksum")
  void regularFile() {
    assertThat(TarHeaders.regularFile(LAYER + ".tar", 1536))
        .isEqualTo(expected(LAYER + ".tar", '0', "0000444", "00000003000", ""));
    assertThat(TarHeaders.regularFile("a", 0))
        .isEqualTo(expected("a", '0', "0000444", "00000000000", ""));
  }

  @Test
  @DisplayName("WR-7: equal to the headers Go wrote in skopeo's archive (file and symlink)")
  void equalToGo() throws Exception {
    byte[] golden = golden();
    assertThat(TarHeaders.regularFile(LAYER + ".tar", 1536))
        .isEqualTo(Arrays.copyOfRange(golden, 0, 512));
    // layer (512 + 1536), config (512 + 1294 padded to 1536): the symlink follows.
    int symlink = 512 + 1536 + 512 + 1536;
    assertThat(TarHeaders.symlink(ID + "/layer.tar", "../" + LAYER + ".tar"))
        .isEqualTo(Arrays.copyOfRange(golden, symlink, symlink + 512));
  }

  @Test
  @DisplayName("WR-7: a symlink: type 2, mode 0, size 0, target in the link name")
  void symlink() {
    assertThat(TarHeaders.symlink("x/layer.tar", "../y.tar"))
        .isEqualTo(expected("x/layer.tar", '2', "0000000", "00000000000", "../y.tar"));
  }

  @Test
  @DisplayName("WR-7: no PAX header below 8 GiB; the largest USTAR size is 77777777777")
  void largestUstar() {
    byte[] h = TarHeaders.regularFile("big", (1L << 33) - 1);
    assertThat(h).hasSize(512).isEqualTo(expected("big", '0', "0000444", "77777777777", ""));
  }

  @Test
  @DisplayName("WR-7: 8 GiB and more: PAX 'x' header PaxHeaders.0/<base> with Go's size record")
  void paxForHugeFiles() {
    long size = 1L << 33;
    byte[] h = TarHeaders.regularFile("blobs/sha256/big", size);
    String record = "19 size=8589934592\n";
    assertThat(TarHeaders.paxRecord("size", "8589934592"))
        .isEqualTo(record.getBytes(StandardCharsets.US_ASCII));
    assertThat(h).hasSize(512 * 3);
    byte[] pax = expected("blobs/sha256/PaxHeaders.0/big", 'x', "0000000", "00000000023", "");
    // Go's raw PAX file header leaves devmajor/devminor empty: recompute its checksum.
    Arrays.fill(pax, 329, 345, (byte) 0);
    Arrays.fill(pax, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte x : pax) {
      sum += x & 0xff;
    }
    put(pax, 148, String.format("%06o", sum) + "\0 ");
    assertThat(Arrays.copyOfRange(h, 0, 512)).isEqualTo(pax);
    byte[] data = new byte[512];
    put(data, 0, record);
    assertThat(Arrays.copyOfRange(h, 512, 1024)).isEqualTo(data);
    assertThat(Arrays.copyOfRange(h, 1024, 1536))
        .isEqualTo(expected("blobs/sha256/big", '0', "0000444", "00000000000", ""));
    assertThat(TarHeaders.paxName("big")).isEqualTo("PaxHeaders.0/big");
  }

  @Test
  @DisplayName("WR-7: the PAX record length counts its own digits (Go's formatPAXRecord)")
  void paxRecordLength() {
    assertThat(new String(TarHeaders.paxRecord("size", "1234567"), StandardCharsets.US_ASCII))
        .isEqualTo("16 size=1234567\n");
    assertThat(new String(TarHeaders.paxRecord("k", "v".repeat(94)), StandardCharsets.US_ASCII))
        .as("98 + 2 digits = 100 does not fit, so Go recounts: 101")
        .startsWith("101 k=");
    assertThat(TarHeaders.paxRecord("k", "v".repeat(94))).hasSize(101);
  }

  @Test
  @DisplayName("WR-7: names over 100 bytes are refused, never silently cut")
  void longNames() {
    assertThatThrownBy(() -> TarHeaders.regularFile("n".repeat(101), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("101 bytes");
  }

  @Test
  @DisplayName("WR-7: data padded to 512; exactly two zero blocks at the end, no record padding")
  void trailer() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveWriter.create(out, WriterOptions.defaults()).close();
    byte[] tar = out.toByteArray();
    // manifest.json ("null") and repositories ("{}"), each header + one data block, then trailer.
    assertThat(tar).hasSize(4 * 512 + 1024);
    assertThat(Arrays.copyOfRange(tar, 512, 516)).isEqualTo("null".getBytes());
    assertThat(Arrays.copyOfRange(tar, 516, 1024)).containsOnly(0);
    assertThat(Arrays.copyOfRange(tar, 2048, 3072)).containsOnly(0);
  }
}
