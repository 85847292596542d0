package io.github.dockerarchive.testkit.synthetic;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A materialised synthetic archive and the truth about it.
 *
 * @param path where the archive was written
 * @param spec the spec it was made from
 * @param images per image, what a correct reader must find (for a corrupted archive: what the
 *     archive would hold without the defect)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ArchiveFixture(Path path, ArchiveSpec spec, List<ImageTruth> images) {

  /**
   * Copies the list.
   *
   * @param path where the archive was written
   * @param spec the spec it was made from
   * @param images per image, what a correct reader must find (for a corrupted archive: what the
   *     archive would hold without the defect)
   */
  public ArchiveFixture {
    images = List.copyOf(images);
  }

  /**
   * The defect built in.
   *
   * @return the corruption, {@link Corruption#NONE} for a valid archive
   */
  public Corruption corruption() {
    return spec.corruption();
  }

  /**
   * Whether a correct reader reads every image and blob of it without an error.
   *
   * @return true when the corruption is none, or only a verification finding
   */
  public boolean isReadable() {
    FailureStage stage = corruption().stage();
    return stage == null || stage == FailureStage.VERIFY || stage == FailureStage.WARNING;
  }

  /**
   * One image's truth by index.
   *
   * @param index the item index
   * @return the truth
   */
  public ImageTruth image(int index) {
    return images.get(index);
  }
}
