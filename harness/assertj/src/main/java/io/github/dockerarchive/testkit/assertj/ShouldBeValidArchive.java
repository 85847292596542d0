package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Archive: {@code ArchiveVerifier} reported errors. */
final class ShouldBeValidArchive extends BasicErrorMessageFactory {
  private ShouldBeValidArchive(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldBeValid(String archive, java.util.List<String> problems) {
    return new ShouldBeValidArchive(
        "%nExpecting %s%nto be valid, but verification found:%n  %s",
        unquotedString(archive), unquotedString(String.join(String.format("%n  "), problems)));
  }
}
