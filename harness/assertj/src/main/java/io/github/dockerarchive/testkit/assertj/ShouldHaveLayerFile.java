package io.github.dockerarchive.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Image: a path is not in the file system its layers build. */
final class ShouldHaveLayerFile extends BasicErrorMessageFactory {
  private ShouldHaveLayerFile(String format, Object... arguments) {
    super(format, arguments);
  }

  static ErrorMessageFactory shouldHaveLayerFile(
      String image, String path, int layers, String whereDeleted) {
    return new ShouldHaveLayerFile(
        "%nExpecting %s%nto have the file:%n  %s%nin its %s layer(s), but %s",
        unquotedString(image),
        path,
        layers,
        unquotedString(
            whereDeleted == null ? "no layer holds it" : "it is deleted by " + whereDeleted));
  }
}
