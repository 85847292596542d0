package io.github.dockerarchive.testkit.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Writes every report file of a run into one directory. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Reports {
  private Reports() {}

  /**
   * Writes {@code results.json}, {@code junit.xml} and {@code report.html} into a directory
   * (created when missing; other files in it are left alone).
   *
   * @param results the run
   * @param directory the output directory
   * @throws IOException when a file cannot be written
   */
  public static void writeAll(ConformanceResults results, Path directory) throws IOException {
    Files.createDirectories(directory);
    JsonReport.write(results, directory.resolve(JsonReport.FILE_NAME));
    JunitXmlReport.write(results, directory.resolve(JunitXmlReport.FILE_NAME));
    HtmlReport.write(results, directory.resolve(HtmlReport.FILE_NAME));
  }
}
