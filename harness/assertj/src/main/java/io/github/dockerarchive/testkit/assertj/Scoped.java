package io.github.dockerarchive.testkit.assertj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * Open, use, close: the archive or image an assertion reads is open only while that assertion runs,
 * whatever the outcome, so nothing waits for a garbage collector to be closed.
 */
final class Scoped {
  private Scoped() {}

  /** Opens the resource for one assertion. */
  @FunctionalInterface
  interface Opener<R> {
    R open() throws IOException;
  }

  /** Lets the resource go once the assertion is over. */
  @FunctionalInterface
  interface Closer<R> {
    void close(R resource) throws IOException;
  }

  /** What the assertion does with the open resource. */
  @FunctionalInterface
  interface Use<R, T> {
    T apply(R resource) throws IOException;
  }

  /**
   * Opens, uses and closes a resource.
   *
   * @param what the resource, for the message of a failure to close it
   * @param opener opens it
   * @param closer closes it (or does nothing for a resource the caller owns)
   * @param use the assertion's work
   * @param unreadable the assertion error for a failure to open or read the resource
   * @return what {@code use} returns
   * @throws AssertionError from {@code use}, or made by {@code unreadable}
   * @throws UncheckedIOException if the resource cannot be closed after {@code use} succeeded
   */
  static <R, T> T use(
      String what,
      Opener<R> opener,
      Closer<R> closer,
      Use<R, T> use,
      Function<IOException, AssertionError> unreadable) {
    R resource;
    try {
      resource = opener.open();
    } catch (IOException e) {
      throw unreadable.apply(e);
    }
    Throwable primary = null;
    try {
      return use.apply(resource);
    } catch (IOException e) {
      AssertionError error = unreadable.apply(e);
      primary = error;
      throw error;
    } catch (RuntimeException | Error e) {
      primary = e;
      throw e;
    } finally {
      close(what, resource, closer, primary);
    }
  }

  private static <R> void close(String what, R resource, Closer<R> closer, Throwable primary) {
    try {
      closer.close(resource);
    } catch (IOException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      } else {
        throw new UncheckedIOException("closing " + what + ": " + e.getMessage(), e);
      }
    }
  }
}
