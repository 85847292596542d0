package io.github.dockerarchive.testkit;

/**
 * A manifest of a type the destination cannot store: not Docker schema 2 where schema 2 is
 * required, or a manifest list (WR-5).
 */
public class ManifestTypeRejectedException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID, or {@code null}
   * @param message the message, naming the type given and the types accepted
   */
  public ManifestTypeRejectedException(String rule, String message) {
    super(rule, message);
  }
}
