package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Archive: no image has the tag (or index) asked for. */
final class ShouldHaveImage extends BasicErrorMessageFactory {
  private ShouldHaveImage(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveImage(
      String archive, String wanted, String normalised, java.util.List<String> tags) {
    return new ShouldHaveImage(
        "%nExpecting %s%nto have an image tagged:%n  %s%n(normalised: %s)%nbut its tags are:%n  %s",
        unquotedString(archive),
        wanted,
        normalised == null ? unquotedString("not a valid reference") : normalised,
        tags);
  }

  static ErrorMessageFactory shouldHaveImage(String archive, int index, int count) {
    return new ShouldHaveImage(
        "%nExpecting %s%nto have an image @%s but it has %s image(s)",
        unquotedString(archive), index, count);
  }
}
