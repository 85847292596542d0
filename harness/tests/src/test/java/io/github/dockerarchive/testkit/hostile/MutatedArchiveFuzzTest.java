package io.github.dockerarchive.testkit.hostile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer fuzz test over structure-aware mutations of valid archives: the fuzzer picks a producer
 * dialect's archive and applies tar-aware damage (header fields rewritten, blocks zeroed or
 * duplicated, bytes changed, the tar cut) before optionally compressing the result, so mutations
 * reach past the outer compression and the header checksum. Same property as {@link
 * ArchiveBytesFuzzTest}: read fully or fail with an {@code ArchiveException}, no temporary file.
 */
class MutatedArchiveFuzzTest {
  static final Path TMP = ArchiveBytesFuzzTest.temporaryDirectory("fuzz-mutated-");
  static final ReaderOptions OPTIONS =
      ReaderOptions.defaults()
          .withTemporaryDirectory(TMP)
          .withMaxArchiveSize(64L << 20)
          .withMaxLayerSize(64L << 20);
  static final List<byte[]> SEEDS = new ArrayList<>(FuzzSeeds.archives().values());

  /** Header fields worth rewriting: name, mode, size, checksum, type, link name, magic, prefix. */
  static final int[][] FIELDS = {
    {0, 100}, {100, 8}, {124, 12}, {148, 8}, {156, 1}, {157, 100}, {257, 8}, {345, 155}
  };

  @FuzzTest(maxDuration = "40s")
  void mutatedDialectsReadFullyOrFailTyped(FuzzedDataProvider data) throws IOException {
    byte[] tar = SEEDS.get(data.consumeInt(0, SEEDS.size() - 2)).clone(); // the plain tars
    int mutations = data.consumeInt(1, 6);
    for (int m = 0; m < mutations && tar.length > 0; m++) {
      tar = mutate(tar, data);
    }
    Compression outer = data.pickValue(new Compression[] {Compression.NONE, Compression.GZIP});
    byte[] input = outer == Compression.NONE ? tar : HandmadeTar.compress(tar, outer);
    if (data.consumeBoolean()) {
      Path file = Files.createTempFile(TMP, "input-", ".tar");
      try {
        Files.write(file, input);
        HostileRunner.readAll(file, OPTIONS);
      } finally {
        Files.delete(file);
      }
    } else {
      HostileRunner.readAll(new ByteArrayInputStream(input), OPTIONS);
    }
    ArchiveBytesFuzzTest.assertNoTemporaryFiles(TMP);
  }

  static byte[] mutate(byte[] tar, FuzzedDataProvider data) {
    int blocks = Math.max(1, tar.length / 512);
    int block = data.consumeInt(0, blocks - 1) * 512;
    switch (data.consumeInt(0, 5)) {
      case 0 -> { // a header field becomes fuzz text, checksum fixed
        int[] f = FIELDS[data.consumeInt(0, FIELDS.length - 1)];
        if (block + f[0] + f[1] <= tar.length) {
          byte[] text = data.consumeBytes(f[1]);
          Arrays.fill(tar, block + f[0], block + f[0] + f[1], (byte) 0);
          System.arraycopy(text, 0, tar, block + f[0], text.length);
          if (block + 512 <= tar.length && data.consumeBoolean()) {
            byte[] h = Arrays.copyOfRange(tar, block, block + 512);
            System.arraycopy(RawTar.checksum(h), 0, tar, block, 512);
          }
        }
        return tar;
      }
      case 1 -> { // cut
        return Arrays.copyOf(tar, data.consumeInt(0, tar.length));
      }
      case 2 -> { // zero a block
        Arrays.fill(tar, block, Math.min(tar.length, block + 512), (byte) 0);
        return tar;
      }
      case 3 -> { // duplicate a block
        byte[] out = new byte[tar.length + 512];
        int end = Math.min(tar.length, block + 512);
        System.arraycopy(tar, 0, out, 0, end);
        System.arraycopy(tar, block, out, end, end - block);
        System.arraycopy(tar, end, out, end + (end - block), tar.length - end);
        return Arrays.copyOf(out, tar.length + (end - block));
      }
      case 4 -> { // one byte, anywhere, biased to JSON punctuation
        int at = data.consumeInt(0, tar.length - 1);
        byte[] palette = "[]{}\":,0123456789-.aeflnrstu\0\u00ff".getBytes();
        tar[at] = data.consumeBoolean() ? data.pickValue(toBoxed(palette)) : data.consumeByte();
        return tar;
      }
      default -> { // swap two blocks
        int other = data.consumeInt(0, blocks - 1) * 512;
        if (block + 512 <= tar.length && other + 512 <= tar.length) {
          byte[] a = Arrays.copyOfRange(tar, block, block + 512);
          System.arraycopy(tar, other, tar, block, 512);
          System.arraycopy(a, 0, tar, other, 512);
        }
        return tar;
      }
    }
  }

  private static Byte[] toBoxed(byte[] bytes) {
    Byte[] boxed = new Byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      boxed[i] = bytes[i];
    }
    return boxed;
  }
}
