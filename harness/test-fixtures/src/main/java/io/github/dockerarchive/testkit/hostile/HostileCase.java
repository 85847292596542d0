package io.github.dockerarchive.testkit.hostile;

import io.github.dockerarchive.testkit.archive.ReaderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * One named input of the {@link HostileCorpus}: how to make its bytes, the reader options it is
 * read with, and what a correct reader must do with it.
 *
 * @param name a short unique name (also the file name, with {@code .tar})
 * @param description what is wrong or odd about the input, and why the expectation is what it is
 * @param source writes the bytes
 * @param options the reader options (caps) the expectation assumes; identity for the defaults
 * @param defaultOptions whether {@code options} leaves the defaults (only then do the command-line
 *     expectations apply, since the commands read with the defaults)
 * @param selector null to read every image by index; {@code ""} to read without any selector (SEL-1
 *     applies); otherwise a reference such as {@code busybox:latest}
 * @param big whether the input is large (a gigabyte to decompress, tens of megabytes of tar):
 *     runners read it once instead of also through the stream path
 * @param expectation the expected outcome
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HostileCase(
    String name,
    String description,
    Source source,
    UnaryOperator<ReaderOptions> options,
    boolean defaultOptions,
    String selector,
    boolean big,
    Expectation expectation) {

  /** Writes the bytes of a case to a file. */
  @FunctionalInterface
  public interface Source {
    /**
     * Writes the input.
     *
     * @param file the file to create or replace
     * @throws IOException if writing fails
     */
    void write(Path file) throws IOException;
  }

  /**
   * Writes the input into a directory as {@code <name>.tar}.
   *
   * @param directory an existing directory
   * @return the file
   * @throws IOException if writing fails
   */
  public Path materialize(Path directory) throws IOException {
    Path file = directory.resolve(name + ".tar");
    source.write(file);
    return file;
  }

  /**
   * The reader options for this case, starting from the given base (for example one with a
   * temporary directory of the test's own).
   *
   * @param base the options to start from
   * @return the options the expectation assumes
   */
  public ReaderOptions readerOptions(ReaderOptions base) {
    return options.apply(base);
  }

  HostileCase withOptions(UnaryOperator<ReaderOptions> tweak) {
    return new HostileCase(name, description, source, tweak, false, selector, big, expectation);
  }

  HostileCase withSelector(String value) {
    return new HostileCase(
        name, description, source, options, defaultOptions, value, big, expectation);
  }

  HostileCase asBig() {
    return new HostileCase(
        name, description, source, options, defaultOptions, selector, true, expectation);
  }

  @Override
  public String toString() {
    return name;
  }
}
