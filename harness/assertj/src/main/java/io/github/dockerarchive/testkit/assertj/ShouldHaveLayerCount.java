package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Image: the number of layers differs. */
final class ShouldHaveLayerCount extends BasicErrorMessageFactory {
  private ShouldHaveLayerCount(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveLayerCount(
      String image, int expected, int actual, java.util.List<String> layers) {
    return new ShouldHaveLayerCount(
        "%nExpecting %s%nto have %s layer(s) but it has %s:%n  %s",
        unquotedString(image), expected, actual, layers);
  }
}
