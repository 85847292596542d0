package io.github.dockerarchive.testkit.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.dockerarchive.testkit.synthetic.TarBlocks.Block;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layer-tar quirks: each shape is in the layer's bytes, and the reader judges it right. */
@DisplayName("Quirks of layer tars: shape in the bytes, verdict of the reader")
class LayerTarQuirksTest extends QuirkFamilyTest {
  private static final String LONG = Quirk.LONG_MEMBER_NAME;

  @Override
  QuirkFamily family() {
    return QuirkFamily.LAYER_TAR;
  }

  @Override
  void assertShape(Quirk quirk, ArchiveFixture fixture) throws Exception {
    TarBlocks top = layerFromTop(fixture, 0);
    List<Block> members = top.members();
    switch (quirk) {
      case LAYER_OPAQUE_WHITEOUT -> {
        assertThat(top.member("opaque/.wh..wh..opq").type()).isEqualTo(TarHeader.REGULAR);
        assertThat(top.member("opaque/.wh..wh..opq").size()).isZero();
        assertThat(layerFromTop(fixture, 1).member("opaque/old.txt").size()).isEqualTo(10);
      }
      case LAYER_WHITEOUT -> {
        assertThat(members).extracting(Block::fullName).containsExactly(".wh.deleted.txt");
        layerFromTop(fixture, 1).member("deleted.txt");
      }
      case LAYER_WHITEOUT_DIRECTORY -> {
        assertThat(members).extracting(Block::fullName).containsExactly(".wh.gone");
        TarBlocks lower = layerFromTop(fixture, 1);
        assertThat(lower.member("gone/").type()).isEqualTo(TarHeader.DIRECTORY);
        lower.member("gone/file.txt");
      }
      case LAYER_WHITEOUT_DOT_NAME -> {
        assertThat(members).extracting(Block::fullName).containsExactly(".wh..hidden");
        layerFromTop(fixture, 1).member(".hidden");
      }
      case LAYER_HARDLINK_BEFORE_TARGET, LAYER_HARDLINK_AFTER_TARGET -> {
        Block link = top.member("link.bin");
        assertThat(link.type()).isEqualTo(TarHeader.HARD_LINK);
        assertThat(link.linkText()).isEqualTo("target.bin");
        assertThat(link.size()).isZero();
        int linkAt = members.indexOf(link);
        int targetAt = members.indexOf(top.member("target.bin"));
        if (quirk == Quirk.LAYER_HARDLINK_BEFORE_TARGET) {
          assertThat(linkAt).isLessThan(targetAt);
        } else {
          assertThat(linkAt).isGreaterThan(targetAt);
        }
      }
      case LAYER_DUPLICATE_MEMBERS -> {
        assertThat(members).extracting(Block::fullName).containsExactly("twice.txt", "twice.txt");
        assertThat(members).extracting(Block::size).containsExactly(8L, 12L);
        assertThat(members.get(0).data()).isNotEqualTo(members.get(1).data());
      }
      case LAYER_PAX_LONG_NAME -> {
        Block file = members.get(0);
        assertThat(file.nameText()).isEqualTo(LONG.substring(0, 100));
        Block pax = top.before(file);
        assertThat(pax.type()).isEqualTo(TarHeader.PAX);
        assertThat(pax.dataText()).isEqualTo(TarHeader.paxRecord("path", LONG));
      }
      case LAYER_GNU_LONG_NAME -> {
        Block file = members.get(0);
        assertThat(file.nameText()).isEqualTo(LONG.substring(0, 100));
        assertThat(file.magic()).isEqualTo("ustar  \0");
        Block longLink = top.before(file);
        assertThat(longLink.type()).isEqualTo((byte) 'L');
        assertThat(longLink.nameText()).isEqualTo("././@LongLink");
        assertThat(longLink.dataText()).isEqualTo(LONG + "\0");
      }
      case LAYER_USTAR_PREFIX_NAME -> {
        assertThat(top.blocks).hasSize(1);
        Block file = members.get(0);
        assertThat(file.nameText()).isEqualTo("file.txt");
        assertThat(new String(file.prefix(), StandardCharsets.UTF_8))
            .isEqualTo(LONG.substring(0, LONG.lastIndexOf('/')));
        assertThat(file.magic()).isEqualTo(TarHeader.POSIX_MAGIC_AND_VERSION);
      }
      case LAYER_PAX_LONG_LINK_TARGET -> {
        Block link = top.member("long-link");
        assertThat(link.type()).isEqualTo(TarHeader.SYMLINK);
        assertThat(link.linkText()).isEqualTo(LONG.substring(0, 100));
        assertThat(top.before(link).dataText())
            .isEqualTo(
                TarHeader.paxRecord("linkpath", LONG) + TarHeader.paxRecord("path", "long-link"));
      }
      case LAYER_GNU_LONG_LINK_TARGET -> {
        Block link = top.member("long-link");
        assertThat(link.linkText()).isEqualTo(LONG.substring(0, 100));
        Block longLink = top.before(link);
        assertThat(longLink.type()).isEqualTo((byte) 'K');
        assertThat(longLink.dataText()).isEqualTo(LONG + "\0");
      }
      case LAYER_EMPTY_PAX_VALUE -> {
        Block file = top.member("empty-pax-path.txt");
        assertThat(top.before(file).type()).isEqualTo(TarHeader.PAX);
        assertThat(top.before(file).dataText()).isEqualTo(TarHeader.paxRecord("path", ""));
      }
      case LAYER_LATIN1_NAME ->
          assertThat(members.get(0).name())
              .containsExactly('c', 'a', 'f', 0xe9, '.', 't', 'x', 't');
      case LAYER_DOT_SLASH_MEMBERS ->
          assertThat(members)
              .extracting(Block::fullName)
              .containsExactly("./", "./dotted/", "./dotted/file.txt");
      case LAYER_ABSOLUTE_MEMBER ->
          assertThat(members).extracting(Block::fullName).containsExactly("/absolute.txt");
      case LAYER_PARENT_MEMBER ->
          assertThat(members).extracting(Block::fullName).containsExactly("../escapes.txt");
      case LAYER_FIFO -> {
        assertThat(top.member("pipe").type()).isEqualTo((byte) '6');
        assertThat(top.member("pipe").size()).isZero();
      }
      case LAYER_SETUID -> {
        assertThat(top.member("setuid-bin").mode()).isEqualTo(06755);
        assertThat(top.member("sticky/").mode()).isEqualTo(01777);
      }
      default -> fail("no shape assertion for " + quirk);
    }
  }

  @Test
  @DisplayName("layer-tar quirks combine: both quirks' layers are in the image")
  void combine() throws Exception {
    ArchiveSpec spec = Quirk.LAYER_FIFO.applyTo(Quirk.LAYER_GNU_LONG_NAME.spec());
    ArchiveFixture fixture = SyntheticArchives.materialize(spec, dir.resolve("combined.tar"));
    assertThat(layerFromTop(fixture, 0).member("pipe").type()).isEqualTo((byte) '6');
    assertThat(layerFromTop(fixture, 1).blocks.get(0).type()).isEqualTo((byte) 'L');
    Readback.assertMatchesTruth(fixture);
  }

  @Test
  @DisplayName(
      "a ustar name that cannot be split, and Latin-1 names outside ustar/GNU, are refused")
  void refusedHeaders() {
    FileSpec unsplittable =
        FileSpec.file("x".repeat(120), 1).withHeader(MemberHeader.of(MemberFormat.USTAR));
    ArchiveSpec spec = ArchiveSpec.builder().image(List.of(), LayerSpec.of(unsplittable)).build();
    assertThatThrownBy(() -> SyntheticArchives.materialize(spec, dir.resolve("x.tar")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x".repeat(120))
        .hasMessageContaining("120 bytes");
    assertThatThrownBy(() -> MemberHeader.of(MemberFormat.PAX).withEncoding(NameEncoding.LATIN_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latin-1")
        .hasMessageContaining("pax");
  }
}
