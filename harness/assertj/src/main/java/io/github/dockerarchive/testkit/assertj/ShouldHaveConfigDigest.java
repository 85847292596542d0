package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Image: the config digest (image ID) differs. */
final class ShouldHaveConfigDigest extends BasicErrorMessageFactory {
  private ShouldHaveConfigDigest(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveConfigDigest(String image, Object expected, Object actual) {
    return new ShouldHaveConfigDigest(
        "%nExpecting %s%nto have config digest:%n  %s%nbut it has:%n  %s",
        unquotedString(image),
        unquotedString(String.valueOf(expected)),
        unquotedString(String.valueOf(actual)));
  }
}
