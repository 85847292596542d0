package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ImageSource;

/**
 * How {@link ArchiveAssert#image} makes image asserts: plain ones fail at once, soft ones (see
 * {@link DockerArchiveSoftAssertions}) are proxies whose failures are collected.
 */
interface ImageAsserts {
  /** Plain asserts: a missing image fails immediately. */
  ImageAsserts HARD =
      new ImageAsserts() {
        @Override
        public ImageAssert create(ImageSource source, ArchiveAccess access) {
          ImageAssert image = new ImageAssert(source);
          image.access = access;
          return image;
        }

        @Override
        public ImageAssert missing(AssertionError error, ArchiveAccess access) {
          throw error;
        }
      };

  /**
   * An assert for an image that exists.
   *
   * @param source the image
   * @param access keeps the archive open while the assert lives
   * @return the assert
   */
  ImageAssert create(ImageSource source, ArchiveAccess access);

  /**
   * What to return for an image that does not exist.
   *
   * @param error the failure that says so
   * @param access the archive
   * @return an assert whose checks are skipped (soft), after the error was recorded
   * @throws AssertionError the error (hard)
   */
  ImageAssert missing(AssertionError error, ArchiveAccess access);
}
