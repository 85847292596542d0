package io.github.dockerarchive.testkit.assertj;

import io.github.dockerarchive.testkit.archive.ImageSource;

/**
 * How an archive assert makes the image asserts it hands out: plain ones fail at once on a missing
 * image; soft ones (see {@link DockerArchiveSoftAssertions}) are proxies whose failures are
 * collected.
 */
interface ImageAsserts {
  /** Plain asserts: a missing image fails immediately. */
  ImageAsserts HARD =
      new ImageAsserts() {
        @Override
        public ImageAssert create(ImageSource image, ImageOrigin origin) {
          ImageAssert assertion = new ImageAssert(image);
          assertion.origin = origin;
          return assertion;
        }

        @Override
        public ImageAssert missing(AssertionError error) {
          throw error;
        }
      };

  /**
   * An assert for an image that exists.
   *
   * @param image the image as selected (it describes the image; its reader may be closed)
   * @param origin how each assertion opens the image again
   * @return the assert
   */
  ImageAssert create(ImageSource image, ImageOrigin origin);

  /**
   * What to return for an image that does not exist.
   *
   * @param error the failure that says so
   * @return an assert whose checks are skipped (soft), after the error was recorded
   * @throws AssertionError the error (hard)
   */
  ImageAssert missing(AssertionError error);
}
