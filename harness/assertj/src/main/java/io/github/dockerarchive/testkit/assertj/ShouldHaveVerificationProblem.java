package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Archive: verification did not report a problem under the rule expected. */
final class ShouldHaveVerificationProblem extends BasicErrorMessageFactory {
  private ShouldHaveVerificationProblem(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveVerificationProblem(
      String archive, String rule, java.util.List<String> problems) {
    return new ShouldHaveVerificationProblem(
        "%nExpecting %s%nto break rule %s, but verification found:%n  %s",
        unquotedString(archive),
        rule,
        unquotedString(
            problems.isEmpty() ? "no problem" : String.join(String.format("%n  "), problems)));
  }
}
