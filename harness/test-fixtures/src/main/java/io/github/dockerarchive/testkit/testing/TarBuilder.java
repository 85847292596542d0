package io.github.dockerarchive.testkit.testing;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apiguardian.api.API;

/**
 * Builds tar archives in memory for tests, with commons-compress (never by hand): the tests' name
 * for {@link HandmadeTar}, to which every method delegates.
 *
 * <pre>{@code
 * byte[] tar = new TarBuilder()
 *     .file("manifest.json", "[]")
 *     .symlink("link", "manifest.json")
 *     .build();
 * }</pre>
 *
 * <p>Entries are written in call order; the same name may be added twice (ARC-7 tests). Names are
 * kept exactly as given: a leading {@code /} or {@code ./} is not stripped. By default long names
 * and big numbers use PAX headers; {@link #longFileMode(int)} and {@link #bigNumberMode(int)}
 * choose GNU or other encodings. For byte-level damage see {@link TarBytes}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TarBuilder {
  private final HandmadeTar tar;

  /** Creates an empty builder. */
  public TarBuilder() {
    this(new HandmadeTar());
  }

  TarBuilder(HandmadeTar tar) {
    this.tar = tar;
  }

  /** The builder this one delegates to. */
  HandmadeTar handmade() {
    return tar;
  }

  /**
   * Chooses how names longer than 100 bytes are written.
   *
   * @param mode a {@code TarArchiveOutputStream.LONGFILE_*} constant
   * @return this builder
   */
  public TarBuilder longFileMode(int mode) {
    tar.longFileMode(mode);
    return this;
  }

  /**
   * Chooses how numbers too big for octal fields are written.
   *
   * @param mode a {@code TarArchiveOutputStream.BIGNUMBER_*} constant
   * @return this builder
   */
  public TarBuilder bigNumberMode(int mode) {
    tar.bigNumberMode(mode);
    return this;
  }

  /**
   * Adds a regular file (type {@code '0'}, mode {@code 0100644}).
   *
   * @param name the entry name, exactly as stored
   * @param data the content
   * @return this builder
   */
  public TarBuilder file(String name, byte[] data) {
    tar.file(name, data);
    return this;
  }

  /**
   * Adds a regular file with UTF-8 text content.
   *
   * @param name the entry name
   * @param text the content
   * @return this builder
   */
  public TarBuilder file(String name, String text) {
    tar.file(name, text);
    return this;
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
  public TarBuilder file(String name, byte[] data, int mode) {
    tar.file(name, data, mode);
    return this;
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
  public TarBuilder file(String name, byte[] data, Consumer<TarArchiveEntry> tweak) {
    tar.file(name, data, tweak);
    return this;
  }

  /**
   * Adds a symbolic link (type {@code '2'}).
   *
   * @param name the link's name
   * @param target the link target, stored as given
   * @return this builder
   */
  public TarBuilder symlink(String name, String target) {
    tar.symlink(name, target);
    return this;
  }

  /**
   * Adds a hard link (type {@code '1'}), whose target tar resolves relative to the archive root.
   *
   * @param name the link's name
   * @param target the target entry's name
   * @return this builder
   */
  public TarBuilder hardlink(String name, String target) {
    tar.hardlink(name, target);
    return this;
  }

  /**
   * Adds a directory entry (type {@code '5'}); a trailing {@code /} is added when missing.
   *
   * @param name the directory name
   * @return this builder
   */
  public TarBuilder directory(String name) {
    tar.directory(name);
    return this;
  }

  /**
   * Adds a FIFO entry (type {@code '6'}): neither a file nor a link.
   *
   * @param name the entry name
   * @return this builder
   */
  public TarBuilder fifo(String name) {
    tar.fifo(name);
    return this;
  }

  /**
   * Adds an entry with a header the caller made, for anything the other methods do not cover.
   *
   * @param entry the header; its size must equal {@code data.length}
   * @param data the content
   * @return this builder
   */
  public TarBuilder entry(TarArchiveEntry entry, byte[] data) {
    tar.entry(entry, data);
    return this;
  }

  /**
   * The uncompressed tar, ending with the usual two zero blocks.
   *
   * @return the tar bytes
   */
  public byte[] build() {
    return tar.build();
  }

  /**
   * The tar compressed as a whole.
   *
   * @param compression the compression; {@link Compression#NONE} gives {@link #build()}
   * @return the compressed bytes
   */
  public byte[] compressed(Compression compression) {
    return tar.compressed(compression);
  }

  /**
   * Writes the uncompressed tar to a file.
   *
   * @param path the file to create or replace
   * @return {@code path}
   */
  public Path writeTo(Path path) {
    return tar.writeTo(path);
  }

  /**
   * Writes the compressed tar to a file.
   *
   * @param path the file to create or replace
   * @param compression the compression
   * @return {@code path}
   */
  public Path writeTo(Path path, Compression compression) {
    return tar.writeTo(path, compression);
  }

  /**
   * Writes bytes to a file.
   *
   * @param path the file
   * @param bytes the content
   * @return {@code path}
   */
  public static Path write(Path path, byte[] bytes) {
    return HandmadeTar.write(path, bytes);
  }

  /**
   * Compresses bytes with a commons-compress output stream.
   *
   * @param data the bytes
   * @param compression the compression; {@link Compression#NONE} returns a copy
   * @return the compressed bytes
   */
  public static byte[] compress(byte[] data, Compression compression) {
    return HandmadeTar.compress(data, compression);
  }
}
