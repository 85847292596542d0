package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.archive.RawTar.Checksum;
import io.github.dockerarchive.testkit.archive.RawTar.Format;
import io.github.dockerarchive.testkit.archive.RawTar.Header;
import io.github.dockerarchive.testkit.archive.RawTar.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The generated tar cases of the differential tests, by family: plain ustar/GNU/V7 headers with
 * every number and checksum style, directories, links and special files, PAX records (local and
 * global, size and path overrides, malformed records), GNU long names and links, ustar prefixes,
 * sparse entries (old GNU and PAX), and every way a tar can end (two zero blocks, one, none, a lone
 * zero block before data, padding, trailing garbage, truncation); plus random byte mutations of
 * valid tars.
 */
final class GoTarCases {
  private GoTarCases() {}

  /** One member: what it writes into the tar. */
  record Member(String description, Consumer<RawTar> writer) {
    @Override
    public String toString() {
      return description;
    }
  }

  /** A whole case: members and an ending. */
  record TarCase(List<Member> members, Ending ending) {
    byte[] bytes() {
      RawTar tar = new RawTar();
      members.forEach(m -> m.writer().accept(tar));
      byte[] body = tar.bytes();
      return ending.apply(body);
    }

    @Override
    public String toString() {
      return members + " " + ending;
    }
  }

  /** How the tar ends. */
  enum Ending {
    TWO_ZERO_BLOCKS,
    ONE_ZERO_BLOCK,
    NONE,
    RECORD_PADDING,
    LONE_ZERO_BLOCK_THEN_DATA,
    TRAILING_GARBAGE_AFTER_MARKER,
    TRUNCATED_IN_LAST_BLOCK,
    TRUNCATED_HALF_BLOCK,
    PARTIAL_ZERO_BLOCK;

    byte[] apply(byte[] body) {
      RawTar tar = new RawTar().raw(body);
      switch (this) {
        case TWO_ZERO_BLOCKS -> tar.zeroBlocks(2);
        case ONE_ZERO_BLOCK -> tar.zeroBlocks(1);
        case RECORD_PADDING -> tar.zeroBlocks(20 - (body.length / RawTar.BLOCK) % 20);
        case LONE_ZERO_BLOCK_THEN_DATA ->
            tar.zeroBlocks(1).write(new Header("after", (byte) '0', 0)).zeroBlocks(2);
        case TRAILING_GARBAGE_AFTER_MARKER ->
            tar.zeroBlocks(2).raw("garbage".getBytes(StandardCharsets.US_ASCII));
        case PARTIAL_ZERO_BLOCK -> tar.raw(new byte[100]);
        default -> {}
      }
      byte[] bytes = tar.bytes();
      if (this == TRUNCATED_IN_LAST_BLOCK && bytes.length > 0) {
        return java.util.Arrays.copyOf(bytes, bytes.length - 1);
      }
      if (this == TRUNCATED_HALF_BLOCK && bytes.length > 0) {
        return java.util.Arrays.copyOf(bytes, bytes.length - RawTar.BLOCK / 2);
      }
      return bytes;
    }
  }

  static Arbitrary<String> names() {
    Arbitrary<String> fixed =
        Arbitraries.of(
            "manifest.json",
            "a",
            "dir/",
            "dir/file",
            "./x",
            "a//b",
            "../up",
            "/abs",
            "\u00e9.json",
            "n\u0301",
            "x y ",
            "sp ace",
            "tab\tname",
            "nul\0hidden",
            "dir/./f",
            ".",
            "");
    Arbitrary<String> random =
        Arbitraries.strings().withChars("ab/.\u00e9 \u4e2d").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> longNames =
        Arbitraries.strings().withChars("abcdef/").ofMinLength(90).ofMaxLength(260);
    return Arbitraries.frequencyOf(Tuple.of(4, fixed), Tuple.of(4, random), Tuple.of(1, longNames));
  }

  static Arbitrary<byte[]> data() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(new byte[0])),
        Tuple.of(5, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(1100)));
  }

  static Arbitrary<Format> formats() {
    return Arbitraries.of(Format.class);
  }

  static Arbitrary<Numbers> numbers() {
    return Arbitraries.of(Numbers.class);
  }

  static Arbitrary<Checksum> checksums() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(Checksum.UNSIGNED)),
        Tuple.of(1, Arbitraries.of(Checksum.class)));
  }

  private static Header styled(Header h, Format f, Numbers n, Checksum c) {
    h.format = f;
    h.numbers = n;
    h.checksum = c;
    // re-encode the numbers in the chosen style
    return h;
  }

  static Arbitrary<Member> plainFile() {
    return Combinators.combine(
            names(),
            data(),
            Arbitraries.of((byte) '0', (byte) 0, (byte) '7'),
            formats(),
            numbers(),
            checksums())
        .as(
            (name, data, type, f, n, c) ->
                new Member(
                    "file("
                        + q(name)
                        + ","
                        + data.length
                        + ",type="
                        + type
                        + ","
                        + f
                        + ","
                        + n
                        + ","
                        + c
                        + ")",
                    tar -> {
                      Header h = styled(new Header(name, type, 0), f, n, c);
                      h.number(100, 8, 0644).number(124, 12, data.length);
                      tar.write(h).data(data);
                    }));
  }

  static Arbitrary<Member> directory() {
    return Combinators.combine(
            names(),
            Arbitraries.of((byte) '5', (byte) 0),
            formats(),
            Arbitraries.integers().between(0, 2))
        .as(
            (name, type, f, size) ->
                new Member(
                    "dir(" + q(name) + ",type=" + type + "," + f + ",size=" + size + ")",
                    tar -> {
                      Header h = new Header(name, type, size);
                      h.format = f;
                      tar.write(h);
                      if (size > 0) {
                        tar.data(new byte[size]);
                      }
                    }));
  }

  static Arbitrary<Member> link() {
    return Combinators.combine(
            names(),
            names(),
            Arbitraries.of((byte) '1', (byte) '2'),
            formats(),
            Arbitraries.integers().between(0, 1))
        .as(
            (name, target, type, f, size) ->
                new Member(
                    "link(" + q(name) + "->" + q(target) + ",type=" + type + ",size=" + size + ")",
                    tar -> {
                      Header h = new Header(name, type, size).link(target);
                      h.format = f;
                      tar.write(h);
                      if (size > 0) {
                        tar.data(new byte[] {1});
                      }
                    }));
  }

  static Arbitrary<Member> special() {
    return Combinators.combine(
            names(),
            Arbitraries.of((byte) '3', (byte) '4', (byte) '6', (byte) 'Z', (byte) 'A', (byte) 'V'),
            Arbitraries.integers().between(0, 600))
        .as(
            (name, type, size) ->
                new Member(
                    "special(" + q(name) + ",type=" + (char) (byte) type + ",size=" + size + ")",
                    tar -> tar.write(new Header(name, type, size)).data(new byte[size])));
  }

  static Arbitrary<String> paxRecords() {
    Arbitrary<String> good =
        Combinators.combine(
                Arbitraries.of(
                    "path",
                    "linkpath",
                    "size",
                    "mtime",
                    "uname",
                    "comment",
                    "SCHILY.xattr.user.x",
                    "GNU.sparse.name",
                    "unknown.key"),
                Arbitraries.of(
                    "",
                    "p",
                    "0",
                    "3",
                    "12",
                    "-1",
                    "1.5",
                    "x\u00e9y",
                    "dir/deep/name",
                    "a".repeat(150),
                    "9999999999999",
                    "../esc",
                    "/root"))
            .as(RawTar::paxRecord);
    Arbitrary<String> bad =
        Arbitraries.of(
            "5 a=b\n",
            "99 path=x\n",
            "abc\n",
            "7 =x\n\n",
            "0 path=x\n",
            "8 path\n",
            "9 path=x",
            "10 path=a\0\n");
    return Arbitraries.frequencyOf(Tuple.of(8, good), Tuple.of(1, bad))
        .list()
        .ofMinSize(0)
        .ofMaxSize(3)
        .map(l -> String.join("", l));
  }

  static Arbitrary<Member> pax() {
    return Combinators.combine(
            Arbitraries.of((byte) 'x', (byte) 'g', (byte) 'X'), paxRecords(), plainFile(), link())
        .as(
            (type, records, file, link) ->
                new Member(
                    "pax(" + (char) (byte) type + "," + q(records) + ")+" + file,
                    tar -> {
                      byte[] body = records.getBytes(StandardCharsets.UTF_8);
                      tar.write(new Header("PaxHeaders/x", type, body.length)).data(body);
                      file.writer().accept(tar);
                    }));
  }

  static Arbitrary<Member> gnuLong() {
    return Combinators.combine(
            Arbitraries.of((byte) 'L', (byte) 'K'), names(), Arbitraries.of(true, false), link())
        .as(
            (type, value, nulTerminated, next) ->
                new Member(
                    "gnuLong("
                        + (char) (byte) type
                        + ","
                        + q(value)
                        + ",nul="
                        + nulTerminated
                        + ")+"
                        + next,
                    tar -> {
                      byte[] v =
                          (value + (nulTerminated ? "\0" : "")).getBytes(StandardCharsets.UTF_8);
                      Header h = new Header("././@LongLink", type, v.length);
                      h.format = Format.GNU;
                      tar.write(h).data(v);
                      next.writer().accept(tar);
                    }));
  }

  static Arbitrary<Member> prefixed() {
    return Combinators.combine(names(), names(), formats())
        .as(
            (prefix, name, f) ->
                new Member(
                    "prefixed(" + q(prefix) + "," + q(name) + "," + f + ")",
                    tar -> {
                      Header h = new Header(name, (byte) '0', 1).prefix(prefix);
                      h.format = f;
                      tar.write(h).data(new byte[] {'p'});
                    }));
  }

  static Arbitrary<Member> gnuSparse() {
    return Combinators.combine(names(), Arbitraries.integers().between(0, 3))
        .as(
            (name, chunks) ->
                new Member(
                    "gnuSparse(" + q(name) + "," + chunks + ")",
                    tar -> {
                      Header h = new Header(name, (byte) 'S', chunks * 10L);
                      h.format = Format.GNU;
                      for (int i = 0; i < chunks; i++) {
                        h.number(386 + i * 24, 12, i * 100L);
                        h.number(386 + i * 24 + 12, 12, 10);
                      }
                      h.number(483, 12, chunks * 100L + 5);
                      tar.write(h).data(new byte[chunks * 10]);
                    }));
  }

  static Arbitrary<Member> paxSparse() {
    return Combinators.combine(names(), Arbitraries.of("0.0", "0.1", "1.0"))
        .as(
            (name, version) ->
                new Member(
                    "paxSparse(" + q(name) + "," + version + ")",
                    tar -> {
                      String records;
                      byte[] data;
                      switch (version) {
                        case "0.1" -> {
                          records =
                              RawTar.paxRecord("GNU.sparse.size", "30")
                                  + RawTar.paxRecord("GNU.sparse.numblocks", "1")
                                  + RawTar.paxRecord("GNU.sparse.map", "5,10");
                          data = new byte[10];
                        }
                        case "1.0" -> {
                          records =
                              RawTar.paxRecord("GNU.sparse.major", "1")
                                  + RawTar.paxRecord("GNU.sparse.minor", "0")
                                  + RawTar.paxRecord("GNU.sparse.name", name)
                                  + RawTar.paxRecord("GNU.sparse.realsize", "30");
                          byte[] map = new byte[RawTar.BLOCK];
                          byte[] text = "1\n5\n10\n".getBytes(StandardCharsets.US_ASCII);
                          System.arraycopy(text, 0, map, 0, text.length);
                          data = new byte[RawTar.BLOCK + 10];
                          System.arraycopy(map, 0, data, 0, RawTar.BLOCK);
                        }
                        default -> {
                          records =
                              RawTar.paxRecord("GNU.sparse.size", "30")
                                  + RawTar.paxRecord("GNU.sparse.numblocks", "1")
                                  + RawTar.paxRecord("GNU.sparse.offset", "5")
                                  + RawTar.paxRecord("GNU.sparse.numbytes", "10");
                          data = new byte[10];
                        }
                      }
                      byte[] body = records.getBytes(StandardCharsets.UTF_8);
                      tar.write(new Header("PaxHeaders/s", (byte) 'x', body.length)).data(body);
                      tar.write(new Header("GNUSparseFile.0/" + name, (byte) '0', data.length))
                          .data(data);
                    }));
  }

  static Arbitrary<Member> oddSize() {
    return Combinators.combine(
            names(),
            Arbitraries.of(
                "00000000012",
                "0000000001 ",
                " 1",
                "1x",
                "",
                "8",
                "77777777777",
                "-1",
                "0000000000\0\0",
                "\0\0\0\0\0\0\0\0\0\0\0\0",
                "01234567012"))
        .as(
            (name, size) ->
                new Member(
                    "oddSize(" + q(name) + "," + q(size) + ")",
                    tar -> {
                      Header h = new Header(name, (byte) '0', 0);
                      h.bytes(124, 12, size.getBytes(StandardCharsets.US_ASCII));
                      tar.write(h).data(new byte[10]);
                    }));
  }

  static Arbitrary<Member> members() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, plainFile()),
        Tuple.of(2, directory()),
        Tuple.of(2, link()),
        Tuple.of(1, special()),
        Tuple.of(3, pax()),
        Tuple.of(2, gnuLong()),
        Tuple.of(2, prefixed()),
        Tuple.of(1, gnuSparse()),
        Tuple.of(1, paxSparse()),
        Tuple.of(1, oddSize()));
  }

  static Arbitrary<Ending> endings() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(Ending.TWO_ZERO_BLOCKS)),
        Tuple.of(4, Arbitraries.of(Ending.class)));
  }

  static Arbitrary<TarCase> cases() {
    return Combinators.combine(members().list().ofMinSize(0).ofMaxSize(4), endings())
        .as(TarCase::new);
  }

  /** A valid case with a few bytes overwritten somewhere in its first blocks. */
  static Arbitrary<byte[]> mutated() {
    Arbitrary<int[]> edits =
        Arbitraries.integers().between(0, 2047).array(int[].class).ofMinSize(1).ofMaxSize(4);
    return Combinators.combine(
            cases(),
            edits,
            Arbitraries.bytes().array(byte[].class).ofSize(4),
            Arbitraries.of(true, false))
        .as(
            (c, at, values, fixChecksum) -> {
              byte[] bytes = c.bytes();
              if (bytes.length == 0) {
                return bytes;
              }
              for (int i = 0; i < at.length; i++) {
                bytes[at[i] % bytes.length] = values[i];
              }
              if (fixChecksum && bytes.length >= RawTar.BLOCK) {
                java.util.Arrays.fill(bytes, 148, 156, (byte) ' ');
                long sum = 0;
                for (int i = 0; i < RawTar.BLOCK; i++) {
                  sum += bytes[i] & 0xff;
                }
                String text = String.format("%06o\0 ", sum);
                System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, bytes, 148, 8);
              }
              return bytes;
            });
  }

  private static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
