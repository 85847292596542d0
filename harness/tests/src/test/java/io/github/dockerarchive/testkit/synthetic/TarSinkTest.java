package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.tar.TarHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outer tar's headers where two reasons for a PAX header meet: a long name (or PAX headers
 * before every entry) and an entry of 8 GiB or more. The entry's data goes past the sink's cut, so
 * only the headers are kept and the test writes no 8 GiB.
 */
@DisplayName("TarSink: a long name and an 8 GiB size share one PAX header (WR-14, ARC-1)")
class TarSinkTest {
  private static final long SIZE = (8L << 30) + 3;

  @ParameterizedTest(name = "PAX headers before every entry: {0}")
  @ValueSource(booleans = {false, true})
  void oneExtendedHeaderPerEntry(boolean paxEveryEntry) throws Exception {
    String name = Quirk.LONG_MEMBER_NAME;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarSink sink = new TarSink(out, TarHeader.NumberStyle.GO);
    sink.longNames(TarSink.LongNames.PAX);
    sink.paxEveryEntry(paxEveryEntry);
    sink.cutAt(4 * TarHeader.BLOCK);
    sink.file(
        name,
        0644,
        5,
        SIZE,
        data -> {
          byte[] mib = new byte[1 << 20];
          for (long left = SIZE; left > 0; left -= mib.length) {
            data.write(mib, 0, (int) Math.min(mib.length, left));
          }
        });
    byte[] head = out.toByteArray();
    String records =
        TarHeader.paxRecord("mtime", "5")
            + TarHeader.paxRecord("path", name)
            + TarHeader.paxRecord("size", Long.toString(SIZE));
    assertThat(records.length()).isLessThan(TarHeader.BLOCK);
    assertThat((char) head[156]).as("the first header is a PAX header").isEqualTo('x');
    assertThat(new String(head, 512, records.length(), StandardCharsets.UTF_8))
        .as("its records: the long name's and the size's together")
        .isEqualTo(records);
    assertThat((char) head[1024 + 156])
        .as("the entry's own header follows at once, no second PAX header")
        .isEqualTo('0');
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(head))) {
      TarArchiveEntry entry = tar.getNextEntry();
      assertThat(entry.getName()).isEqualTo(name);
      assertThat(entry.getSize()).isEqualTo(SIZE);
      assertThat(entry.getLastModifiedDate().getTime()).isEqualTo(5000);
    }
  }
}
