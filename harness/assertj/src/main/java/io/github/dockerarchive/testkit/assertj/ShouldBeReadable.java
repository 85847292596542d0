package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Archive or image: reading failed before the assertion could be checked. */
final class ShouldBeReadable extends BasicErrorMessageFactory {
  private ShouldBeReadable(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldBeReadable(String what, Exception failure) {
    return new ShouldBeReadable(
        "%nExpecting %s%nto be readable, but reading failed:%n  %s",
        unquotedString(what),
        unquotedString(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
  }
}
