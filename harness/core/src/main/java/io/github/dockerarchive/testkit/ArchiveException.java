package io.github.dockerarchive.testkit;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * Base type of every error this library reports about an archive, an image, a reference or a blob.
 *
 * <p>It is an {@link IOException} so that errors found while a blob stream is being read (a digest
 * mismatch at end of stream, say) surface through {@link java.io.InputStream#read()} with their
 * precise type. Messages name the entry or field at fault and, where there is one, the expected and
 * the actual value. {@link #rule()} gives the ID of the rule in {@code docs/rules.md} that was
 * broken, or {@code null} when no single rule applies.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ArchiveException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The ID of the rule broken, or {@code null} when no single rule applies. */
  private final String rule;

  /**
   * Creates an exception.
   *
   * @param rule the rule ID (for example {@code "SEL-1"}), or {@code null}
   * @param message the message, naming the entry or field at fault
   */
  public ArchiveException(String rule, String message) {
    super(message);
    this.rule = rule;
  }

  /**
   * Creates an exception with a cause.
   *
   * @param rule the rule ID (for example {@code "RD-1"}), or {@code null}
   * @param message the message, naming the entry or field at fault
   * @param cause the underlying failure
   */
  public ArchiveException(String rule, String message, Throwable cause) {
    super(message, cause);
    this.rule = rule;
  }

  /**
   * The ID of the rule in {@code docs/rules.md} this error reports a breach of.
   *
   * @return a rule ID such as {@code "SRC-7"}, or {@code null} when no single rule applies
   */
  public String rule() {
    return rule;
  }
}
