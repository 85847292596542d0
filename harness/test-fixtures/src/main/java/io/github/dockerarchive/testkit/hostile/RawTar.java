package io.github.dockerarchive.testkit.hostile;

import io.github.dockerarchive.testkit.tar.TarField;
import io.github.dockerarchive.testkit.tar.TarHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Writes tar headers and data byte by byte, for the lies {@link
 * io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar} (commons-compress) refuses to
 * write: PAX records with wrong lengths or sizes, GNU long names with no entry after them, raw name
 * bytes that are not UTF-8. Every header gets a correct checksum unless the caller breaks it
 * afterwards.
 *
 * <p>Streams to any {@link OutputStream}, so archives of 100,000 entries never sit in memory.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RawTar {
  /** The size of a tar block. */
  public static final int BLOCK = TarHeader.BLOCK;

  private final OutputStream out;
  private long position;

  /**
   * A writer over a stream.
   *
   * @param out where the bytes go (not closed)
   */
  public RawTar(OutputStream out) {
    this.out = out;
  }

  /**
   * A writer collecting into memory; get the bytes with {@link #bytes()}.
   *
   * @return the writer
   */
  public static RawTar inMemory() {
    return new RawTar(new ByteArrayOutputStream());
  }

  /**
   * The bytes written so far (only for {@link #inMemory()}).
   *
   * @return a copy
   */
  public byte[] bytes() {
    return ((ByteArrayOutputStream) out).toByteArray();
  }

  /**
   * The number of bytes written so far.
   *
   * @return the position
   */
  public long position() {
    return position;
  }

  /**
   * A header block: mode 0644, uid, gid and mtime 0, no device numbers.
   *
   * @param name the raw name bytes (cut to 100)
   * @param size the size field value, written as 11 octal digits
   * @param type the type flag
   * @param linkName the link target (cut to 100 bytes), or empty
   * @return a 512-byte block with a correct checksum
   */
  public static byte[] header(byte[] name, long size, char type, String linkName) {
    byte[] link = linkName.getBytes(StandardCharsets.UTF_8);
    return TarHeader.of((byte) type)
        .name(Arrays.copyOf(name, Math.min(TarField.NAME.length(), name.length)))
        .mode(0644)
        .size(size)
        .raw(
            TarField.LINK_NAME,
            Arrays.copyOf(link, Math.min(TarField.LINK_NAME.length(), link.length)))
        .deviceNumbers(false)
        .encode();
  }

  /**
   * Recomputes the checksum of a header block in place.
   *
   * @param h the block
   * @return {@code h}
   */
  public static byte[] checksum(byte[] h) {
    TarHeader.fixChecksum(h, 0);
    return h;
  }

  /**
   * Writes a block as given.
   *
   * @param block the bytes (any length; not padded)
   * @return this writer
   */
  public RawTar raw(byte[] block) {
    try {
      out.write(block);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    position += block.length;
    return this;
  }

  /**
   * Writes data padded with zeros to a whole block.
   *
   * @param data the bytes
   * @return this writer
   */
  public RawTar data(byte[] data) {
    raw(data);
    int pad = (int) ((BLOCK - data.length % BLOCK) % BLOCK);
    return raw(new byte[pad]);
  }

  /**
   * A regular file: header and padded data.
   *
   * @param name the name (UTF-8)
   * @param data the content
   * @return this writer
   */
  public RawTar file(String name, byte[] data) {
    return file(name.getBytes(StandardCharsets.UTF_8), data);
  }

  /**
   * A regular file with a UTF-8 text content.
   *
   * @param name the name
   * @param text the content
   * @return this writer
   */
  public RawTar file(String name, String text) {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A regular file with raw name bytes (for names that are not UTF-8).
   *
   * @param name the raw name
   * @param data the content
   * @return this writer
   */
  public RawTar file(byte[] name, byte[] data) {
    raw(header(name, data.length, '0', ""));
    return data(data);
  }

  /**
   * A symbolic link.
   *
   * @param name the link name
   * @param target the target, as stored
   * @return this writer
   */
  public RawTar symlink(String name, String target) {
    return raw(header(name.getBytes(StandardCharsets.UTF_8), 0, '2', target));
  }

  /**
   * A hard link.
   *
   * @param name the link name
   * @param target the target, as stored
   * @return this writer
   */
  public RawTar hardlink(String name, String target) {
    return raw(header(name.getBytes(StandardCharsets.UTF_8), 0, '1', target));
  }

  /**
   * A directory entry.
   *
   * @param name the name, ending with {@code /}
   * @return this writer
   */
  public RawTar directory(String name) {
    return raw(header(name.getBytes(StandardCharsets.UTF_8), 0, '5', ""));
  }

  /**
   * A PAX extended header ({@code x}) holding these records exactly as given (so a record may lie
   * about its own length).
   *
   * @param records the record text, for example {@code "11 size=99\n"}
   * @return this writer
   */
  public RawTar pax(String records) {
    byte[] body = records.getBytes(StandardCharsets.UTF_8);
    raw(header("PaxHeaders/x".getBytes(StandardCharsets.US_ASCII), body.length, 'x', ""));
    return data(body);
  }

  /**
   * A well-formed PAX record ({@code "<len> key=value\n"} with the right length).
   *
   * @param key the key
   * @param value the value
   * @return the record text
   */
  public static String paxRecord(String key, String value) {
    return TarHeader.paxRecord(key, value);
  }

  /**
   * A GNU long name header ({@code L}) whose data is the name; the next header is the entry.
   *
   * @param name the long name
   * @return this writer
   */
  public RawTar gnuLongName(String name) {
    byte[] body = (name + "\0").getBytes(StandardCharsets.UTF_8);
    raw(header("././@LongLink".getBytes(StandardCharsets.US_ASCII), body.length, 'L', ""));
    return data(body);
  }

  /**
   * A GNU long link-target header ({@code K}).
   *
   * @param target the long link target
   * @return this writer
   */
  public RawTar gnuLongLink(String target) {
    byte[] body = (target + "\0").getBytes(StandardCharsets.UTF_8);
    raw(header("././@LongLink".getBytes(StandardCharsets.US_ASCII), body.length, 'K', ""));
    return data(body);
  }

  /**
   * The end-of-archive marker: two zero blocks.
   *
   * @return this writer
   */
  public RawTar trailer() {
    return raw(new byte[2 * BLOCK]);
  }
}
