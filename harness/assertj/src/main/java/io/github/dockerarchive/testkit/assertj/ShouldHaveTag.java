package io.github.dockerarchive.testkit.assertj;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Image: it is not tagged as expected. */
final class ShouldHaveTag extends BasicErrorMessageFactory {
  private ShouldHaveTag(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveTag(
      String image, String wanted, String normalised, List<String> tags) {
    return new ShouldHaveTag(
        "%nExpecting %s%nto be tagged:%n  %s%n(normalised: %s)%nbut its tags are:%n  %s",
        unquotedString(image),
        wanted,
        normalised == null ? unquotedString("not a valid reference") : normalised,
        tags);
  }
}
