package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.synthetic.TarBlocks.Block;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The repeated-layer quirks: each link is in the archive's bytes, and the reader judges it. */
@DisplayName("Quirks of repeated layers: links in the bytes, verdict of the reader")
class RepeatedLayerQuirksTest extends QuirkFamilyTest {
  @Override
  QuirkFamily family() {
    return QuirkFamily.REPEATED_LAYERS;
  }

  @Override
  void assertShape(Quirk quirk, ArchiveFixture fixture) throws Exception {
    TarBlocks tar = TarBlocks.of(Files.readAllBytes(fixture.path()));
    ManifestItem item;
    try (ArchiveReader reader = ArchiveReader.open(fixture.path())) {
      item = reader.manifest().get(0);
    }
    List<String> layers = item.layers();
    String first = layers.get(0);
    String repeated = layers.get(layers.size() - 1);
    if (quirk != Quirk.REPEATED_LAYER_SYMLINK_ESCAPES) {
      assertThat(fixture.images().get(0).diffIds().get(layers.size() - 1))
          .as("the top layer repeats the bottom one")
          .isEqualTo(fixture.images().get(0).diffIds().get(0));
      assertThat(tar.member(first).type()).isEqualTo(TarHeader.REGULAR);
    }
    String dirOfRepeated = TarQuirkShapes.REPEATED + layers.size() + "/";
    switch (quirk) {
      case REPEATED_LAYER_SYMLINK_ESCAPES -> {
        Block link = tar.member(first);
        assertThat(link.type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(link.linkText()).startsWith("../").contains("outside-the-archive/");
      }
      case REPEATED_LAYER_LEGACY_SYMLINK -> {
        assertThat(first).endsWith("/layer.tar");
        Block link = tar.member(repeated);
        assertThat(link.type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(link.linkText()).isEqualTo("../" + first);
      }
      case REPEATED_LAYER_SAME_PATH -> assertThat(repeated).isEqualTo(first);
      case REPEATED_LAYER_SYMLINK_OTHER_LEVEL -> {
        assertThat(repeated).isEqualTo(dirOfRepeated + "layer.tar");
        assertThat(tar.member(repeated).type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(tar.member(repeated).linkText()).isEqualTo("../../" + first);
      }
      case REPEATED_LAYER_SYMLINK_CHAIN -> {
        assertThat(repeated).isEqualTo(dirOfRepeated + "second.tar");
        assertThat(tar.member(repeated).type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(tar.member(repeated).linkText()).isEqualTo("first.tar");
        Block second = tar.member(dirOfRepeated + "first.tar");
        assertThat(second.type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(second.linkText()).isEqualTo("../../" + first);
      }
      case REPEATED_LAYER_HARDLINK -> {
        assertThat(tar.member(repeated).type()).isEqualTo(TarHeader.HARD_LINK);
        assertThat(tar.member(repeated).linkText()).isEqualTo(first);
      }
      case REPEATED_LAYER_ABSOLUTE_SYMLINK -> {
        assertThat(tar.member(repeated).type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(tar.member(repeated).linkText()).isEqualTo("/" + first);
      }
      case REPEATED_LAYER_DANGLING_SYMLINK -> {
        assertThat(tar.member(repeated).type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(tar.member(repeated).linkText()).isEqualTo("../../no-such-layer.tar");
        assertThat(tar.members()).noneMatch(b -> b.nameText().equals("no-such-layer.tar"));
      }
      case REPEATED_LAYER_SYMLINK_LOOP -> {
        assertThat(repeated).isEqualTo(dirOfRepeated + "a.tar");
        assertThat(tar.member(dirOfRepeated + "a.tar").linkText()).isEqualTo("b.tar");
        assertThat(tar.member(dirOfRepeated + "b.tar").linkText()).isEqualTo("a.tar");
      }
      default -> fail("no shape assertion for " + quirk);
    }
  }

  @Test
  @DisplayName("repeated-layer quirks combine: each shapes its own repeated occurrence")
  void combine() throws Exception {
    ArchiveSpec spec =
        Quirk.REPEATED_LAYER_HARDLINK.applyTo(Quirk.REPEATED_LAYER_SYMLINK_OTHER_LEVEL.spec());
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("combined.tar"));
    TarBlocks tar = TarBlocks.of(Files.readAllBytes(fixture.path()));
    List<String> layers = fixture.images().get(0).layerPaths();
    assertThat(layers).hasSize(4);
    assertThat(tar.member(layers.get(2)).type()).isEqualTo(TarHeader.SYMLINK);
    assertThat(tar.member(layers.get(3)).type()).isEqualTo(TarHeader.HARD_LINK);
  }

  @Test
  @DisplayName("valid quirks of all three families combine into an archive that reads as its truth")
  void combineFamilies() throws Exception {
    ArchiveSpec spec =
        Quirk.LAYER_PAX_LONG_NAME.applyTo(
            Quirk.OUTER_GNU_LONG_NAMES.applyTo(Quirk.REPEATED_LAYER_SYMLINK_CHAIN.spec()));
    assertThat(spec.quirks())
        .containsExactly(
            Quirk.REPEATED_LAYER_SYMLINK_CHAIN,
            Quirk.OUTER_GNU_LONG_NAMES,
            Quirk.LAYER_PAX_LONG_NAME);
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("families.tar"));
    TarBlocks tar = TarBlocks.of(Files.readAllBytes(fixture.path()));
    List<String> layers = fixture.images().get(0).layerPaths();
    assertThat(tar.member(layers.get(2)).linkText()).isEqualTo("first.tar");
    assertThat(tar.blocks).anyMatch(b -> b.type() == 'L');
    assertThat(layerFromTop(fixture, 0).blocks.get(0).type()).isEqualTo(TarHeader.PAX);
    Readback.assertMatchesTruth(fixture);
  }

  @Test
  @DisplayName("a repeated-layer quirk listed without a repeated layer is refused with the reason")
  void needsRepeatedLayer() {
    ArchiveSpec spec = Quirk.baseSpec().withQuirk(Quirk.REPEATED_LAYER_HARDLINK);
    assertThat(SyntheticArchives.whyInapplicable(spec))
        .hasValueSatisfying(why -> assertThat(why).contains("need 1 repeated layer", "has 0"));
  }
}
