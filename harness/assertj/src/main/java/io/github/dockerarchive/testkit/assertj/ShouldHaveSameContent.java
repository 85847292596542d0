package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Archive: the images, tags, config digests or diffIDs of two archives differ. */
final class ShouldHaveSameContent extends BasicErrorMessageFactory {
  private ShouldHaveSameContent(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveSameContent(
      String archive, String other, String difference) {
    return new ShouldHaveSameContent(
        "%nExpecting %s%nto have the same content (images, tags, config digests, diffIDs) as %s%nbut %s",
        unquotedString(archive), unquotedString(other), unquotedString(difference));
  }
}
