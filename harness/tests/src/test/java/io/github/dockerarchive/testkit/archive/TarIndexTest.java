package io.github.dockerarchive.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.EntryNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.UnsafeEntryException;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "Tar index: headers, names and links (RD-2, ARC-1, ARC-4, ARC-6, ARC-7, SAFE-2, SAFE-4)")
class TarIndexTest {
  @TempDir Path dir;
  int counter;

  ArchiveReader open(byte[] tar) throws ArchiveException {
    return ArchiveReader.open(HandmadeTar.write(dir.resolve("t" + counter++ + ".tar"), tar));
  }

  ArchiveReader open(HandmadeTar tar) throws ArchiveException {
    return open(tar.file("manifest.json", "[]").build());
  }

  static String read(ArchiveReader reader, String name) throws IOException {
    try (InputStream in = reader.openEntry(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Nested
  @DisplayName("ARC-1: tar header dialects")
  class Arc1 {
    @Test
    @DisplayName("ARC-1: ustar headers, mode with type bits, any mtime/uid/uname")
    void ustar() throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .file(
                  "data.txt",
                  "ustar".getBytes(StandardCharsets.UTF_8),
                  e -> {
                    e.setMode(0100644);
                    e.setModTime(1_700_000_000_000L);
                    e.setUserId(1234);
                    e.setGroupId(5678);
                    e.setUserName("someone");
                    e.setGroupName("staff");
                  });
      byte[] bytes = tar.file("manifest.json", "[]").build();
      assertThat(TarPatch.field(bytes, 257, 6)).isEqualTo("ustar");
      try (ArchiveReader reader = open(bytes)) {
        assertThat(read(reader, "data.txt")).isEqualTo("ustar");
      }
    }

    @Test
    @DisplayName("ARC-1: mode without type bits (0444, as the reference writes)")
    void modeWithoutTypeBits() throws IOException {
      byte[] bytes =
          new HandmadeTar()
              .file("data.txt", "perm".getBytes(StandardCharsets.UTF_8), 0444)
              .file("manifest.json", "[]")
              .build();
      int h = TarPatch.headerOffset(bytes, "data.txt");
      assertThat(TarPatch.field(bytes, h + TarPatch.MODE, 7).trim()).isEqualTo("0000444");
      try (ArchiveReader reader = open(bytes)) {
        assertThat(read(reader, "data.txt")).isEqualTo("perm");
      }
    }

    @Test
    @DisplayName("ARC-1: NUL-terminated octal fields (Go) and space-terminated ones (GNU tar)")
    void octalTerminators() throws IOException {
      byte[] bytes =
          new HandmadeTar().file("data.txt", "0123456789").file("manifest.json", "[]").build();
      int h = TarPatch.headerOffset(bytes, "data.txt");
      byte[] nul = TarPatch.setField(bytes, h, TarPatch.SIZE, TarPatch.SIZE_LEN, "00000000012");
      nul = TarPatch.setField(nul, h, TarPatch.MODE, TarPatch.MODE_LEN, "0000644");
      byte[] space = TarPatch.setField(bytes, h, TarPatch.SIZE, TarPatch.SIZE_LEN, "         12 ");
      for (byte[] variant : List.of(nul, space)) {
        try (ArchiveReader reader = open(variant)) {
          assertThat(read(reader, "data.txt")).isEqualTo("0123456789");
        }
      }
    }

    @Test
    @DisplayName("ARC-1: an old-style regular file with type flag NUL")
    void nulTypeFlag() throws IOException {
      byte[] bytes = new HandmadeTar().file("data.txt", "old").file("manifest.json", "[]").build();
      int h = TarPatch.headerOffset(bytes, "data.txt");
      try (ArchiveReader reader = open(TarPatch.setByte(bytes, h, TarPatch.TYPEFLAG, (byte) 0))) {
        assertThat(read(reader, "data.txt")).isEqualTo("old");
      }
    }

    @ParameterizedTest(name = "long-name mode {0}")
    @ValueSource(
        ints = {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU})
    @DisplayName("ARC-1: PAX and GNU long names")
    void longNames(int mode) throws IOException {
      String name = "d/".repeat(80) + "layer.tar";
      HandmadeTar tar = new HandmadeTar().longFileMode(mode).file(name, "long");
      try (ArchiveReader reader = open(tar)) {
        assertThat(read(reader, name)).isEqualTo("long");
        assertThat(reader.entries()).extracting(TarEntry::rawName).contains(name);
      }
    }

    @ParameterizedTest(name = "big-number mode {0}")
    @ValueSource(
        ints = {TarArchiveOutputStream.BIGNUMBER_POSIX, TarArchiveOutputStream.BIGNUMBER_STAR})
    @DisplayName("ARC-1: PAX and GNU base-256 numeric fields")
    void bigNumbers(int mode) throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .bigNumberMode(mode)
              .file(
                  "data.txt",
                  "big".getBytes(StandardCharsets.UTF_8),
                  e -> {
                    e.setUserId(1L << 40);
                    e.setModTime(1L << 45);
                  });
      try (ArchiveReader reader = open(tar)) {
        assertThat(read(reader, "data.txt")).isEqualTo("big");
      }
    }

    @Test
    @DisplayName("RD-2: lookups are served from the index built at open, never by rescanning")
    void noRescan() throws IOException {
      byte[] bytes =
          new HandmadeTar()
              .file("first.txt", "first")
              .file("second.txt", "second")
              .file("manifest.json", "[]")
              .build();
      Path file = HandmadeTar.write(dir.resolve("rescan.tar"), bytes);
      try (ArchiveReader reader = ArchiveReader.open(file)) {
        // Wreck every header on disk; only the data blocks stay intact.
        byte[] wrecked = bytes.clone();
        for (String name : List.of("first.txt", "second.txt", "manifest.json")) {
          int h = TarPatch.headerOffset(bytes, name);
          Arrays.fill(wrecked, h, h + 512, (byte) 'X');
        }
        HandmadeTar.write(file, wrecked);
        assertThat(read(reader, "second.txt")).isEqualTo("second");
        assertThat(read(reader, "first.txt")).isEqualTo("first");
      }
    }

    @Test
    @DisplayName("RD-2: the index lists every entry in order with offsets, sizes and link targets")
    void indexContents() throws IOException {
      byte[] bytes =
          new HandmadeTar()
              .directory("d")
              .file("d/a", "aaa")
              .symlink("d/s", "a")
              .hardlink("h", "d/a")
              .file("manifest.json", "[]")
              .build();
      try (ArchiveReader reader = open(bytes)) {
        List<TarEntry> entries = reader.entries();
        assertThat(entries)
            .extracting(TarEntry::name, TarEntry::type, TarEntry::size, TarEntry::linkName)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("d", EntryType.DIRECTORY, 0L, ""),
                org.assertj.core.groups.Tuple.tuple("d/a", EntryType.FILE, 3L, ""),
                org.assertj.core.groups.Tuple.tuple("d/s", EntryType.SYMLINK, 0L, "a"),
                org.assertj.core.groups.Tuple.tuple("h", EntryType.HARDLINK, 0L, "d/a"),
                org.assertj.core.groups.Tuple.tuple("manifest.json", EntryType.FILE, 2L, ""));
        TarEntry a = entries.get(1);
        assertThat(a.headerOffset()).isEqualTo(TarPatch.headerOffset(bytes, "d/a"));
        assertThat(a.dataOffset()).isEqualTo(a.headerOffset() + 512);
        assertThat(new String(bytes, (int) a.dataOffset(), 3, StandardCharsets.US_ASCII))
            .isEqualTo("aaa");
      }
    }
  }

  @Nested
  @DisplayName("ARC-4: names compare after lexical cleaning")
  class Arc4 {
    @Test
    @DisplayName("ARC-4: ./a, a//b and a/./b match a, a/b, a/b (both ways)")
    void cleaning() throws IOException {
      HandmadeTar tar =
          new HandmadeTar().file("./a", "1").file("b//c", "2").file("d/./e", "3").file("f", "4");
      try (ArchiveReader reader = open(tar)) {
        assertThat(read(reader, "a")).isEqualTo("1");
        assertThat(read(reader, "./a")).isEqualTo("1");
        assertThat(read(reader, "b/c")).isEqualTo("2");
        assertThat(read(reader, "b//c")).isEqualTo("2");
        assertThat(read(reader, "d/e")).isEqualTo("3");
        assertThat(read(reader, "./d/./e")).isEqualTo("3");
        assertThat(read(reader, "./f")).isEqualTo("4");
        assertThat(read(reader, "x/../f")).isEqualTo("4");
      }
    }

    @Test
    @DisplayName("ARC-4, SAFE-2: an absolute entry name never matches; asking for it is unsafe")
    void absolute() throws IOException {
      HandmadeTar tar = new HandmadeTar().file("/etc/passwd", "root");
      try (ArchiveReader reader = open(tar)) {
        assertThat(reader.entries()).extracting(TarEntry::rawName).contains("/etc/passwd");
        assertThatThrownBy(() -> reader.openEntry("etc/passwd"))
            .isInstanceOf(EntryNotFoundException.class);
        assertThatThrownBy(() -> reader.openEntry("/etc/passwd"))
            .isInstanceOf(UnsafeEntryException.class)
            .hasMessageContaining("\"/etc/passwd\"")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SAFE-2"));
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../evil", "a/../../evil", "./../evil"})
    @DisplayName("ARC-4, SAFE-2: a name cleaning to ../… never matches; asking for it is unsafe")
    void dotDot(String name) throws IOException {
      HandmadeTar tar = new HandmadeTar().file(name, "x");
      try (ArchiveReader reader = open(tar)) {
        assertThatThrownBy(() -> reader.openEntry("evil"))
            .isInstanceOf(EntryNotFoundException.class);
        assertThatThrownBy(() -> reader.openEntry(name))
            .isInstanceOf(UnsafeEntryException.class)
            .hasMessageContaining(name);
      }
    }

    @Test
    @DisplayName("ARC-4, SAFE-2: a layer path that is absolute or leaves the archive is refused")
    void unsafeLayerPath() throws IOException {
      for (String path : List.of("/abs.tar", "../up.tar")) {
        byte[] config =
            "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:%s\"]}}"
                .formatted("a".repeat(64))
                .getBytes(StandardCharsets.UTF_8);
        HandmadeTar tar =
            new HandmadeTar()
                .file(path, new HandmadeTar().build())
                .file("c.json", config)
                .file("manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"" + path + "\"]}]");
        try (ArchiveReader reader = open(tar.build())) {
          assertThatThrownBy(() -> reader.imageSource(null, -1).layers())
              .isInstanceOf(UnsafeEntryException.class)
              .hasMessageContaining(path);
        }
      }
    }
  }

  @Nested
  @DisplayName("ARC-6: links")
  class Arc6 {
    @Test
    @DisplayName("ARC-6: a symlink resolves relative to the link's own directory")
    void symlinkRelativeToItsDirectory() throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .file("target.txt", "ROOT")
              .file("dir/target.txt", "DIR")
              .symlink("dir/link", "target.txt")
              .symlink("dir/up", "../target.txt")
              .symlink("dir/sub/deep", "../../target.txt");
      try (ArchiveReader reader = open(tar)) {
        assertThat(read(reader, "dir/link")).isEqualTo("DIR");
        assertThat(read(reader, "dir/up")).isEqualTo("ROOT");
        assertThat(read(reader, "dir/sub/deep")).isEqualTo("ROOT");
      }
    }

    @Test
    @DisplayName("ARC-6: a hard link resolves relative to the archive root")
    void hardLinkRelativeToRoot() throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .file("target.txt", "ROOT")
              .file("dir/target.txt", "DIR")
              .hardlink("dir/hard", "target.txt")
              .hardlink("dir/hard2", "./dir/target.txt");
      try (ArchiveReader reader = open(tar)) {
        assertThat(read(reader, "dir/hard")).isEqualTo("ROOT");
        assertThat(read(reader, "dir/hard2")).isEqualTo("DIR");
      }
    }

    @Test
    @DisplayName("ARC-6: a mixed chain (symlink to hard link to file) is followed")
    void mixedChain() throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .file("blob", "BLOB")
              .hardlink("x/hard", "blob")
              .symlink("y/sym", "../x/hard");
      try (ArchiveReader reader = open(tar)) {
        assertThat(read(reader, "y/sym")).isEqualTo("BLOB");
      }
    }

    HandmadeTar chain(int links) {
      HandmadeTar tar = new HandmadeTar().file("end", "END");
      for (int i = 1; i <= links; i++) {
        tar.symlink("l" + i, i == links ? "end" : "l" + (i + 1));
      }
      return tar;
    }

    @Test
    @DisplayName("ARC-6: a chain of 8 links is followed")
    void chainOfEight() throws IOException {
      try (ArchiveReader reader = open(chain(8))) {
        assertThat(read(reader, "l1")).isEqualTo("END");
      }
    }

    @Test
    @DisplayName("ARC-6: a chain of 9 links fails naming the chain")
    void chainOfNine() throws IOException {
      try (ArchiveReader reader = open(chain(9))) {
        assertThat(read(reader, "l2")).isEqualTo("END");
        assertThatThrownBy(() -> reader.openEntry("l1"))
            .isInstanceOf(UnsafeEntryException.class)
            .hasMessageContaining("l1 -> l2 -> l3 -> l4 -> l5 -> l6 -> l7 -> l8 -> l9")
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("ARC-6"));
      }
    }

    @Test
    @DisplayName("ARC-6: a loop fails naming the chain")
    void loop() throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .symlink("a", "b")
              .symlink("b", "c")
              .hardlink("c", "a")
              .symlink("self", "self");
      try (ArchiveReader reader = open(tar)) {
        assertThatThrownBy(() -> reader.openEntry("a"))
            .isInstanceOf(UnsafeEntryException.class)
            .hasMessageContaining("loop")
            .hasMessageContaining("a -> b -> c -> a");
        assertThatThrownBy(() -> reader.openEntry("self"))
            .isInstanceOf(UnsafeEntryException.class)
            .hasMessageContaining("self -> self");
      }
    }

    @ParameterizedTest(name = "symlink to {0}")
    @ValueSource(strings = {"../outside", "../../etc/passwd", "a/../../x", "/etc/passwd", "/"})
    @DisplayName("ARC-6, SAFE-2: a symlink leaving the archive or absolute is refused")
    void symlinkEscapes(String target) throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .file("etc/passwd", "inside")
              .file("outside", "o")
              .symlink("link", target);
      try (ArchiveReader reader = open(tar)) {
        assertThatThrownBy(() -> reader.openEntry("link"))
            .isInstanceOf(UnsafeEntryException.class)
            .hasMessageContaining(target)
            .satisfies(e -> assertThat(((ArchiveException) e).rule()).isEqualTo("SAFE-2"));
      }
    }

    @ParameterizedTest(name = "hard link to {0}")
    @ValueSource(strings = {"../outside", "/etc/passwd"})
    @DisplayName("ARC-6, SAFE-2: a hard link leaving the archive or absolute is refused")
    void hardLinkEscapes(String target) throws IOException {
      HandmadeTar tar = new HandmadeTar().file("etc/passwd", "inside").hardlink("link", target);
      try (ArchiveReader reader = open(tar)) {
        assertThatThrownBy(() -> reader.openEntry("link"))
            .isInstanceOf(UnsafeEntryException.class)
            .hasMessageContaining(target);
      }
    }

    @Test
    @DisplayName("ARC-6: a link to a directory, a FIFO or a missing target fails")
    void notRegular() throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .directory("d")
              .fifo("p")
              .symlink("to-dir", "d")
              .hardlink("hard-to-dir", "d/")
              .symlink("to-fifo", "p")
              .symlink("dangling", "nothing");
      try (ArchiveReader reader = open(tar)) {
        assertThatThrownBy(() -> reader.openEntry("to-dir"))
            .isInstanceOf(MalformedArchiveException.class)
            .hasMessageContaining("\"d/\": not a regular file");
        assertThatThrownBy(() -> reader.openEntry("hard-to-dir"))
            .isInstanceOf(MalformedArchiveException.class)
            .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> reader.openEntry("d"))
            .isInstanceOf(MalformedArchiveException.class)
            .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> reader.openEntry("to-fifo"))
            .isInstanceOf(MalformedArchiveException.class)
            .hasMessageContaining("\"p\": not a regular file");
        assertThatThrownBy(() -> reader.openEntry("dangling"))
            .isInstanceOf(EntryNotFoundException.class)
            .hasMessageContaining("dangling -> nothing");
      }
    }
  }

  @Nested
  @DisplayName("ARC-7: duplicate entry names")
  class Arc7 {
    @Test
    @DisplayName("ARC-7: the first entry wins and duplicateEntryNames() lists the name once")
    void firstWins() throws IOException {
      HandmadeTar tar =
          new HandmadeTar()
              .file("a", "first")
              .file("b", "only")
              .file("a", "second")
              .file("./a", "third")
              .file("c//d", "one")
              .file("c/d", "two");
      try (ArchiveReader reader = open(tar)) {
        assertThat(read(reader, "a")).isEqualTo("first");
        assertThat(read(reader, "c/d")).isEqualTo("one");
        assertThat(reader.duplicateEntryNames()).containsExactly("a", "c/d");
        assertThat(reader.entries()).hasSize(7);
      }
    }

    @Test
    @DisplayName("ARC-7: an image whose every blob is followed by a bad duplicate reads correctly")
    void imageWithDuplicates() throws IOException {
      HandmadeImage image =
          new HandmadeImage()
              .tags("dup:1")
              .layerFiles("a", "a")
              .layerFiles("b", "b")
              .duplicateEntries();
      try (ArchiveReader reader = open(image.build())) {
        assertThat(reader.duplicateEntryNames())
            .containsExactly(image.blobPath(0), image.blobPath(1), image.configPath());
        ImageSource source = reader.imageSource(null, -1);
        assertThat(source.configBytes()).isEqualTo(image.configBytes());
        for (HandmadeImage.Layer layer : image.layers()) {
          try (BlobStream blob = source.getBlob(layer.diffId())) {
            assertThat(blob.readAllBytes()).isEqualTo(layer.tar());
          }
        }
      }
    }

    @Test
    @DisplayName("ARC-7: no duplicates gives an empty list")
    void none() throws IOException {
      try (ArchiveReader reader = open(new HandmadeTar().file("a", "1"))) {
        assertThat(reader.duplicateEntryNames()).isEmpty();
      }
    }

    @Test
    @DisplayName("ARC-7: a later duplicate manifest.json is ignored")
    void duplicateManifest() throws IOException {
      byte[] bytes =
          new HandmadeTar().file("manifest.json", "[]").file("manifest.json", "not json").build();
      try (ArchiveReader reader = open(bytes)) {
        assertThat(reader.manifest()).isEmpty();
        assertThat(reader.duplicateEntryNames()).containsExactly("manifest.json");
      }
    }
  }

  @Nested
  @DisplayName("SAFE-4: damaged tars fail with a typed error naming the offset or entry")
  class Safe4 {
    byte[] sample() {
      byte[] data = new byte[2000];
      Arrays.fill(data, (byte) 'z');
      return new HandmadeTar()
          .file("first.txt", "first")
          .file("victim.bin", data)
          .file("manifest.json", "[]")
          .build();
    }

    void assertMalformed(byte[] tar, String... mentions) {
      var thrown =
          assertThatThrownBy(() -> open(tar))
              .isInstanceOf(MalformedArchiveException.class)
              .hasMessageContaining("offset");
      for (String mention : mentions) {
        thrown.hasMessageContaining(mention);
      }
    }

    @Test
    @DisplayName("SAFE-4: data cut short names the entry and its offset")
    void truncatedData() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "victim.bin");
      assertMalformed(TarPatch.truncate(tar, h + 512 + 1000), "offset " + h);
    }

    @Test
    @DisplayName("SAFE-4: a header cut short names its offset")
    void truncatedHeader() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "victim.bin");
      assertMalformed(TarPatch.truncate(tar, h + 300), "offset " + h);
    }

    @Test
    @DisplayName("SAFE-4: a tar cut exactly after an entry (no end blocks) is complete")
    void cutAtBoundary() throws IOException {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "manifest.json");
      try (ArchiveReader reader = open(TarPatch.truncate(tar, h + 1024))) {
        assertThat(reader.manifest()).isEmpty();
      }
    }

    @Test
    @DisplayName("SAFE-4: entries hidden behind a single zero block are an error, not ignored")
    void loneZeroBlock() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "victim.bin");
      // Zero the victim's header: a lone zero block with the rest of the archive after it.
      byte[] hidden = tar.clone();
      Arrays.fill(hidden, h, h + 512, (byte) 0);
      assertMalformed(hidden, "offset " + h);
    }

    @Test
    @DisplayName("SAFE-4: trailing zero padding of any length after the end blocks is fine")
    void zeroPadding() throws IOException {
      byte[] tar = sample();
      byte[] padded = Arrays.copyOf(tar, tar.length + 10240 + 100);
      try (ArchiveReader reader = open(padded)) {
        assertThat(reader.entries()).hasSize(3);
      }
    }

    @Test
    @DisplayName("SAFE-4: a bad header checksum names the entry and its offset")
    void badChecksum() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "victim.bin");
      assertMalformed(TarPatch.breakChecksum(tar, h), "offset " + h);
    }

    @Test
    @DisplayName("SAFE-4: a non-octal size names the offset")
    void nonOctalSize() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "victim.bin");
      assertMalformed(TarPatch.setField(tar, h, TarPatch.SIZE, TarPatch.SIZE_LEN, "0000000999x"));
    }

    @Test
    @DisplayName("SAFE-4: a negative (base-256) size names the offset")
    void negativeSize() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "victim.bin");
      byte[] minusOne = new byte[12];
      Arrays.fill(minusOne, (byte) 0xff);
      assertMalformed(TarPatch.setBytes(tar, h, TarPatch.SIZE, minusOne));
    }

    @Test
    @DisplayName("SAFE-4: an overflowing (base-256) size names the offset")
    void overflowingSize() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "victim.bin");
      byte[] huge = new byte[12];
      Arrays.fill(huge, (byte) 0x7f);
      huge[0] = (byte) 0x80;
      assertMalformed(TarPatch.setBytes(tar, h, TarPatch.SIZE, huge));
    }

    @Test
    @DisplayName("SAFE-4: a size bigger than the file names the entry and its offset")
    void sizeBeyondEnd() {
      byte[] tar = sample();
      int h = TarPatch.headerOffset(tar, "manifest.json");
      assertMalformed(
          TarPatch.setField(tar, h, TarPatch.SIZE, TarPatch.SIZE_LEN, "77777777777"),
          "offset " + h);
    }

    byte[] withPaxRecord() {
      return new HandmadeTar()
          .file("first.txt", "first")
          .file(
              "victim.bin",
              "data".getBytes(StandardCharsets.UTF_8),
              e -> e.addPaxHeader("comment", "xxxxxxxxxxx"))
          .file("manifest.json", "[]")
          .build();
    }

    @Test
    @DisplayName("SAFE-4: a PAX size record that lies (too big) names the entry and its offset")
    void paxSizeTooBig() {
      byte[] tar = TarPatch.replace(withPaxRecord(), "comment=xxxxxxxxxxx", "size=99999999999999");
      assertMalformed(tar);
    }

    @Test
    @DisplayName("SAFE-4: a negative PAX size record names the offset")
    void paxSizeNegative() {
      byte[] tar = TarPatch.replace(withPaxRecord(), "comment=xxxxxxxxxxx", "size=-0000000000001");
      assertMalformed(tar);
    }

    @Test
    @DisplayName("SAFE-4: a PAX record whose length field lies names the offset")
    void paxRecordLength() {
      byte[] tar = withPaxRecord();
      String record = new String(tar, StandardCharsets.ISO_8859_1);
      int at = record.indexOf(" comment=");
      String length = record.substring(at - 2, at);
      assertThat(length).matches("\\d\\d");
      assertMalformed(TarPatch.replace(tar, length + " comment=", "99 comment="));
    }

    @Test
    @DisplayName("SAFE-1, SAFE-4: random damage anywhere in the headers gives only typed errors")
    void randomDamage() throws IOException {
      byte[] tar = sample();
      List<Integer> headers = new ArrayList<>();
      for (String name : List.of("first.txt", "victim.bin", "manifest.json")) {
        headers.add(TarPatch.headerOffset(tar, name));
      }
      java.util.Random random = new java.util.Random(42);
      for (int round = 0; round < 300; round++) {
        byte[] damaged = tar.clone();
        int h = headers.get(random.nextInt(headers.size()));
        int at = h + random.nextInt(512);
        damaged[at] = (byte) random.nextInt(256);
        if (random.nextBoolean()) {
          damaged = TarPatch.fixChecksum(damaged, h);
        }
        try (ArchiveReader reader = open(damaged)) {
          for (TarEntry e : reader.entries()) {
            try (InputStream in = reader.openEntry(e.rawName())) {
              in.readAllBytes();
            } catch (ArchiveException expected) {
              assertThat(expected.getMessage()).isNotBlank();
            }
          }
        } catch (ArchiveException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
  }
}
