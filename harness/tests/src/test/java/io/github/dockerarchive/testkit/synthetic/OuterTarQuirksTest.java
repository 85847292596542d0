package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.synthetic.TarBlocks.Block;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The outer-tar quirks: each shape is in the archive's bytes, and the reader judges it right. */
@DisplayName("Quirks of the outer tar: shape in the bytes, verdict of the reader")
class OuterTarQuirksTest extends QuirkFamilyTest {
  @Override
  QuirkFamily family() {
    return QuirkFamily.OUTER_TAR;
  }

  @Override
  void assertShape(Quirk quirk, ArchiveFixture fixture) throws Exception {
    byte[] stored = Files.readAllBytes(fixture.path());
    TarBlocks tar = TarBlocks.of(outerTar(fixture));
    List<Block> members = tar.members();
    ManifestItem item;
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      item = reader.manifest().get(0);
    }
    switch (quirk) {
      case OUTER_DOT_SLASH_NAMES -> {
        assertThat(members).allSatisfy(b -> assertThat(b.nameText()).startsWith("./"));
        assertThat(item.layers()).noneMatch(l -> l.startsWith("./"));
        assertThat(members).extracting(Block::nameText).contains("./" + item.layers().get(0));
      }
      case OUTER_DOT_ENTRY -> {
        assertThat(members.get(0).nameText()).isEqualTo("./");
        assertThat(members.get(0).type()).isEqualTo(TarHeader.DIRECTORY);
      }
      case OUTER_DIRECTORY_ENTRIES -> {
        Set<String> seen = new HashSet<>();
        for (Block b : members) {
          String name = b.nameText();
          for (int slash = name.indexOf('/'); slash >= 0 && slash < name.length() - 1; ) {
            assertThat(seen)
                .as("directory entry before %s", name)
                .contains(name.substring(0, slash + 1));
            slash = name.indexOf('/', slash + 1);
          }
          if (b.type() == TarHeader.DIRECTORY) {
            seen.add(name);
          }
        }
        assertThat(seen).isNotEmpty();
      }
      case OUTER_NO_DIRECTORY_ENTRIES -> {
        assertThat(members).noneMatch(b -> b.type() == TarHeader.DIRECTORY);
        assertThat(item.layers()).allMatch(l -> l.endsWith("/layer.tar"));
      }
      case OUTER_GZIP -> assertThat(Arrays.copyOf(stored, 3)).containsExactly(0x1f, 0x8b, 8);
      case OUTER_ZSTD ->
          assertThat(Arrays.copyOf(stored, 4)).containsExactly(0x28, 0xb5, 0x2f, 0xfd);
      case OUTER_XZ ->
          assertThat(Arrays.copyOf(stored, 6)).containsExactly(0xfd, '7', 'z', 'X', 'Z', 0);
      case OUTER_BZIP2 -> assertThat(Arrays.copyOf(stored, 3)).containsExactly('B', 'Z', 'h');
      case OUTER_PAX_HEADERS ->
          assertThat(members)
              .allSatisfy(
                  b -> {
                    Block pax = tar.before(b);
                    assertThat(pax.type()).isEqualTo(TarHeader.PAX);
                    assertThat(pax.dataText())
                        .contains(TarHeader.paxRecord("path", b.nameText()))
                        .contains(TarHeader.paxRecord("mtime", "0"));
                  });
      case OUTER_GNU_LONG_NAMES -> {
        assertThat(item.config()).hasSizeGreaterThan(100);
        Block config = longNamed(tar, item.config());
        Block longLink = tar.before(config);
        assertThat(longLink.type()).isEqualTo((byte) 'L');
        assertThat(longLink.nameText()).isEqualTo("././@LongLink");
        assertThat(longLink.magic()).isEqualTo("ustar  \0");
        assertThat(longLink.dataText()).isEqualTo(item.config() + "\0");
        assertThat(config.magic()).isEqualTo("ustar  \0");
      }
      case OUTER_PAX_LONG_NAMES -> {
        assertThat(item.config()).hasSizeGreaterThan(100);
        Block config = longNamed(tar, item.config());
        Block pax = tar.before(config);
        assertThat(pax.type()).isEqualTo(TarHeader.PAX);
        assertThat(pax.dataText()).contains(TarHeader.paxRecord("path", item.config()));
      }
      case OUTER_TRAILING_DATA -> {
        long data = stored.length - LayoutWriter.TRAILING_DATA.length;
        assertThat(data % LayoutWriter.RECORD).isZero();
        assertThat(Arrays.copyOfRange(stored, (int) data, stored.length))
            .isEqualTo(LayoutWriter.TRAILING_DATA);
        assertThat(TarBlocks.zero(stored, (int) tar.end, (int) (data - tar.end))).isTrue();
        try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
          assertThat(reader.trailingDataOffset()).isEqualTo(data);
        }
      }
      case OUTER_RECORD_PADDING -> {
        assertThat(stored.length % LayoutWriter.RECORD).isZero();
        assertThat(TarBlocks.zero(stored, (int) tar.end, stored.length - (int) tar.end)).isTrue();
        assertThat(tar.afterEnd()).isNotEmpty();
      }
      case OUTER_MANIFEST_FIRST -> assertThat(members.get(0).nameText()).isEqualTo("manifest.json");
      case OUTER_MANIFEST_LAST ->
          assertThat(members.get(members.size() - 1).nameText()).isEqualTo("manifest.json");
      default -> fail("no shape assertion for " + quirk);
    }
  }

  /** The header holding the first 100 bytes of a long name. */
  private static Block longNamed(TarBlocks tar, String name) {
    return tar.members().stream()
        .filter(b -> b.nameText().equals(name.substring(0, 100)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no header named for " + name));
  }

  @Test
  @DisplayName("a corruption still applies to an archive whose names start with ./")
  void corruptionWithDotSlashNames() throws Exception {
    ArchiveSpec spec = Quirk.OUTER_DOT_SLASH_NAMES.spec().withCorruption(Corruption.MISSING_LAYER);
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("missing.tar"));
    TarBlocks tar = TarBlocks.of(Files.readAllBytes(fixture.path()));
    String layer = fixture.images().get(0).layerPaths().get(0);
    assertThat(tar.members()).noneMatch(b -> b.nameText().equals("./" + layer));
    assertThat(tar.members()).allSatisfy(b -> assertThat(b.nameText()).startsWith("./"));
  }

  @Test
  @DisplayName("contradictory outer-tar quirks are refused with the reason")
  void contradictions() {
    ArchiveSpec both = Quirk.OUTER_MANIFEST_LAST.applyTo(Quirk.OUTER_MANIFEST_FIRST.spec());
    assertThat(SyntheticArchives.whyInapplicable(both))
        .hasValueSatisfying(
            why -> assertThat(why).contains("outer-manifest-first", "outer-manifest-last"));
  }

  @Test
  @DisplayName("outer-tar quirks combine: every shape of both is in the archive")
  void combine() throws Exception {
    ArchiveSpec spec =
        Quirk.OUTER_TRAILING_DATA.applyTo(
            Quirk.OUTER_DOT_SLASH_NAMES.applyTo(Quirk.OUTER_GNU_LONG_NAMES.spec()));
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("combined.tar"));
    TarBlocks tar = TarBlocks.of(Files.readAllBytes(fixture.path()));
    assertThat(tar.members()).allSatisfy(b -> assertThat(b.nameText()).startsWith("./"));
    assertThat(tar.blocks).anyMatch(b -> b.type() == 'L');
    byte[] after = tar.afterEnd();
    assertThat(Arrays.copyOfRange(after, after.length - 512, after.length))
        .isEqualTo(LayoutWriter.TRAILING_DATA);
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      Readback.assertReadsAsTruth(reader, fixture);
    }
  }
}
