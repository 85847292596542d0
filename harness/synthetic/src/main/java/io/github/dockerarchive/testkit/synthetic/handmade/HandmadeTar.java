package io.github.dockerarchive.testkit.synthetic.handmade;

import io.github.dockerarchive.testkit.image.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.apiguardian.api.API;

/**
 * Builds tar archives in memory entry by entry, with commons-compress, as the synthetic engine's
 * layer writer does.
 *
 * <pre>{@code
 * byte[] tar = new HandmadeTar()
 *     .file("manifest.json", "[]")
 *     .symlink("link", "manifest.json")
 *     .build();
 * }</pre>
 *
 * <p>Entries are written in call order; the same name may be added twice (ARC-7). Names are kept
 * exactly as given: a leading {@code /} or {@code ./} is not stripped. By default long names and
 * big numbers use PAX headers; {@link #longFileMode(int)} and {@link #bigNumberMode(int)} choose
 * GNU or other encodings. For byte-level damage see {@link TarPatch}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HandmadeTar {
  private record Item(TarArchiveEntry entry, byte[] data) {}

  private final List<Item> items = new ArrayList<>();
  private int longFileMode = TarArchiveOutputStream.LONGFILE_POSIX;
  private int bigNumberMode = TarArchiveOutputStream.BIGNUMBER_POSIX;

  /** Creates an empty builder. */
  public HandmadeTar() {}

  /**
   * Chooses how names longer than 100 bytes are written.
   *
   * @param mode a {@code TarArchiveOutputStream.LONGFILE_*} constant
   * @return this builder
   */
  public HandmadeTar longFileMode(int mode) {
    this.longFileMode = mode;
    return this;
  }

  /**
   * Chooses how numbers too big for octal fields are written.
   *
   * @param mode a {@code TarArchiveOutputStream.BIGNUMBER_*} constant
   * @return this builder
   */
  public HandmadeTar bigNumberMode(int mode) {
    this.bigNumberMode = mode;
    return this;
  }

  /**
   * Adds a regular file (type {@code '0'}, mode {@code 0100644}).
   *
   * @param name the entry name, exactly as stored
   * @param data the content
   * @return this builder
   */
  public HandmadeTar file(String name, byte[] data) {
    return file(name, data, e -> {});
  }

  /**
   * Adds a regular file with UTF-8 text content.
   *
   * @param name the entry name
   * @param text the content
   * @return this builder
   */
  public HandmadeTar file(String name, String text) {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Adds a regular file with an explicit mode field, with or without the type bits ({@code 0644} or
   * {@code 0100644}).
   *
   * @param name the entry name
   * @param data the content
   * @param mode the mode field
   * @return this builder
   */
  public HandmadeTar file(String name, byte[] data, int mode) {
    return file(name, data, e -> e.setMode(mode));
  }

  /**
   * Adds a regular file and lets the caller change any header field (uid, uname, mtime, PAX
   * records...) before it is written.
   *
   * @param name the entry name
   * @param data the content
   * @param tweak changes to the header
   * @return this builder
   */
  public HandmadeTar file(String name, byte[] data, Consumer<TarArchiveEntry> tweak) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setSize(data.length);
    e.setModTime(0);
    tweak.accept(e);
    items.add(new Item(e, data.clone()));
    return this;
  }

  /**
   * Adds a symbolic link (type {@code '2'}).
   *
   * @param name the link's name
   * @param target the link target, stored as given
   * @return this builder
   */
  public HandmadeTar symlink(String name, String target) {
    return link(name, TarConstants.LF_SYMLINK, target);
  }

  /**
   * Adds a hard link (type {@code '1'}), whose target tar resolves relative to the archive root.
   *
   * @param name the link's name
   * @param target the target entry's name
   * @return this builder
   */
  public HandmadeTar hardlink(String name, String target) {
    return link(name, TarConstants.LF_LINK, target);
  }

  /** Adds a link entry of the given type flag: no content, the target stored as given. */
  private HandmadeTar link(String name, byte type, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setLinkName(target);
    e.setModTime(0);
    items.add(new Item(e, new byte[0]));
    return this;
  }

  /**
   * Adds a directory entry (type {@code '5'}); a trailing {@code /} is added when missing.
   *
   * @param name the directory name
   * @return this builder
   */
  public HandmadeTar directory(String name) {
    TarArchiveEntry e =
        new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
    e.setModTime(0);
    items.add(new Item(e, new byte[0]));
    return this;
  }

  /**
   * Adds a FIFO entry (type {@code '6'}): neither a file nor a link.
   *
   * @param name the entry name
   * @return this builder
   */
  public HandmadeTar fifo(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
    e.setModTime(0);
    items.add(new Item(e, new byte[0]));
    return this;
  }

  /**
   * Adds an entry with a header the caller made, for anything the other methods do not cover.
   *
   * @param entry the header; its size must equal {@code data.length}
   * @param data the content
   * @return this builder
   */
  public HandmadeTar entry(TarArchiveEntry entry, byte[] data) {
    items.add(new Item(entry, data.clone()));
    return this;
  }

  /**
   * The uncompressed tar, ending with the usual two zero blocks.
   *
   * @return the tar bytes
   */
  public byte[] build() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTarTo(bytes);
    return bytes.toByteArray();
  }

  /**
   * The tar compressed as a whole.
   *
   * @param compression the compression; {@link Compression#NONE} gives {@link #build()}
   * @return the compressed bytes
   */
  public byte[] compressed(Compression compression) {
    return compress(build(), compression);
  }

  /**
   * Writes the uncompressed tar to a file.
   *
   * @param path the file to create or replace
   * @return {@code path}
   */
  public Path writeTo(Path path) {
    return write(path, build());
  }

  /**
   * Writes the compressed tar to a file.
   *
   * @param path the file to create or replace
   * @param compression the compression
   * @return {@code path}
   */
  public Path writeTo(Path path, Compression compression) {
    return write(path, compressed(compression));
  }

  private void writeTarTo(OutputStream sink) {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(sink)) {
      tar.setLongFileMode(longFileMode);
      tar.setBigNumberMode(bigNumberMode);
      for (Item item : items) {
        tar.putArchiveEntry(item.entry());
        tar.write(item.data());
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes bytes to a file.
   *
   * @param path the file
   * @param bytes the content
   * @return {@code path}
   */
  public static Path write(Path path, byte[] bytes) {
    try {
      Files.write(path, bytes);
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compresses bytes with a commons-compress output stream.
   *
   * @param data the bytes
   * @param compression the compression; {@link Compression#NONE} returns a copy
   * @return the compressed bytes
   */
  public static byte[] compress(byte[] data, Compression compression) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      OutputStream out =
          switch (compression) {
            case NONE -> bytes;
            case GZIP -> new GzipCompressorOutputStream(bytes);
            case BZIP2 -> new BZip2CompressorOutputStream(bytes);
            case XZ -> new XZCompressorOutputStream(bytes);
            case ZSTD -> new ZstdCompressorOutputStream(bytes);
          };
      out.write(data);
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
