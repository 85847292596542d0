package io.github.dockerarchive.testkit.synthetic;

import io.github.dockerarchive.testkit.image.Compression;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One synthetic layer: its entries and how it is stored. Equal specs (with the same archive seed)
 * give byte-identical layers, so the same spec twice is the same layer twice (one diffID).
 *
 * @param files the entries, in tar order (empty: an empty layer, a tar of two zero blocks)
 * @param compression how the layer is stored, or null for the dialect's default
 * @param content what its regular files hold (null: {@link FileContent#SEEDED})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LayerSpec(List<FileSpec> files, Compression compression, FileContent content) {

  /**
   * Copies the list.
   *
   * @param files the entries, in tar order (empty: an empty layer, a tar of two zero blocks)
   * @param compression how the layer is stored, or null for the dialect's default
   * @param content what its regular files hold (null: {@link FileContent#SEEDED})
   */
  public LayerSpec {
    files = files == null ? List.of() : List.copyOf(files);
    content = content == null ? FileContent.SEEDED : content;
  }

  /**
   * A layer of seeded content.
   *
   * @param files the entries, in tar order (empty: an empty layer, a tar of two zero blocks)
   * @param compression how the layer is stored, or null for the dialect's default
   */
  public LayerSpec(List<FileSpec> files, Compression compression) {
    this(files, compression, FileContent.SEEDED);
  }

  /**
   * A layer of the given entries, stored as the dialect stores layers.
   *
   * @param files the entries
   * @return the spec
   */
  public static LayerSpec of(FileSpec... files) {
    return new LayerSpec(List.of(files), null);
  }

  /**
   * A layer holding one file of exactly {@code bytes} seeded bytes ({@code filler.bin}).
   *
   * @param bytes the file's size
   * @return the spec
   */
  public static LayerSpec filler(long bytes) {
    return of(FileSpec.file("filler.bin", bytes));
  }

  /**
   * The same layer stored with another compression.
   *
   * @param stored how to store it, or null for the dialect's default
   * @return the changed spec
   */
  public LayerSpec withCompression(Compression stored) {
    return new LayerSpec(files, stored, content);
  }

  /**
   * The same layer with other file content: {@code LayerSpec.filler(8L << 30)
   * .withContent(FileContent.ZEROS).withCompression(Compression.ZSTD)} is an 8 GiB file that takes
   * a few hundred kilobytes in the archive (about 36 MiB with gzip).
   *
   * @param fileContent what its regular files hold
   * @return the changed spec
   */
  public LayerSpec withContent(FileContent fileContent) {
    return new LayerSpec(files, compression, fileContent);
  }

  /**
   * The sum of the file sizes (not the tar size).
   *
   * @return content bytes
   */
  public long contentBytes() {
    return files.stream().mapToLong(FileSpec::size).sum();
  }
}
