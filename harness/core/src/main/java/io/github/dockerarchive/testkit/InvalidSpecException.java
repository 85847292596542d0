package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;

/**
 * A synthetic archive spec (JSON) is malformed: bad JSON, an unknown key, or a value of the wrong
 * type or out of range. The message names the field by its path, for example {@code
 * images[0].layers[1].files[2].size}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class InvalidSpecException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the message, naming the field at fault
   */
  public InvalidSpecException(String message) {
    super(null, message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message the message, naming the field at fault
   * @param cause the underlying failure
   */
  public InvalidSpecException(String message, Throwable cause) {
    super(null, message, cause);
  }
}
