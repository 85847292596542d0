package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Archive: the number of {@code manifest.json} items differs. */
final class ShouldHaveImageCount extends BasicErrorMessageFactory {
  private ShouldHaveImageCount(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveImageCount(
      String archive, int expected, int actual, java.util.List<String> tags) {
    return new ShouldHaveImageCount(
        "%nExpecting %s%nto have %s image(s) but it has %s, tagged:%n  %s",
        unquotedString(archive), expected, actual, tags);
  }
}
