package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Image: the diffIDs of the config differ. */
final class ShouldHaveDiffIds extends BasicErrorMessageFactory {
  private ShouldHaveDiffIds(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveDiffIds(
      String image, java.util.List<?> expected, java.util.List<?> actual) {
    return new ShouldHaveDiffIds(
        "%nExpecting %s%nto have diffIDs (bottom first):%n  %s%nbut it has:%n  %s",
        unquotedString(image),
        unquotedString(String.valueOf(expected)),
        unquotedString(String.valueOf(actual)));
  }
}
