package io.github.dockerarchive.testkit.conformance.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code results.json}: an array with one object per check and implementation, in run order:
 *
 * <pre>{@code
 * {"rule":"SEL-1","level":"MUST","implementation":"skopeo","status":"PASS","reason":"",
 *  "check":"SEL-1/by-tag","title":"...","verdict":"PASS","gated":false,"knownDeviation":false,
 *  "reproduction":"...","seconds":0.412}
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JsonReport {
  /** The file name in the output directory. */
  public static final String FILE_NAME = "results.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /**
   * One object of the array.
   *
   * @param rule the rule's ID
   * @param level the rule's level ({@code MUST}, {@code SHOULD}, {@code REF}, {@code FIX})
   * @param implementation the implementation's name
   * @param status {@code PASS}, {@code FAIL}, {@code UNSUPPORTED} or {@code ERROR}
   * @param reason why, in one line (empty when it passed)
   * @param check the check's ID
   * @param title what the check checks
   * @param verdict the matrix label: {@code PASS}, {@code FAIL}, {@code DEV}, {@code WARN}, {@code
   *     n/a} or {@code ERR}
   * @param gated whether the implementation's failures fail the run
   * @param knownDeviation whether a failure is the reference's known deviation (FIX rule)
   * @param reproduction the inputs and commands to reproduce it, one per line
   * @param seconds how long the check took
   */
  @JsonPropertyOrder({
    "rule",
    "level",
    "implementation",
    "status",
    "reason",
    "check",
    "title",
    "verdict",
    "gated",
    "knownDeviation",
    "reproduction",
    "seconds"
  })
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Entry(
      String rule,
      String level,
      String implementation,
      String status,
      String reason,
      String check,
      String title,
      String verdict,
      boolean gated,
      boolean knownDeviation,
      String reproduction,
      double seconds) {

    /**
     * The entry of a result.
     *
     * @param result the result
     * @param gated whether its implementation is gated
     * @return the entry
     */
    public static Entry of(CheckResult result, boolean gated) {
      return new Entry(
          result.ruleId(),
          result.level().name(),
          result.implementation(),
          result.status().name(),
          result.reason(),
          result.check().id(),
          result.check().title(),
          Verdict.of(result).label(),
          gated,
          result.knownDeviation(),
          result.reproduction(),
          result.time().toMillis() / 1000.0);
    }
  }

  /**
   * The entries of a run, in order: implementations as run, checks in suite order.
   *
   * @param results the run
   * @return the entries
   */
  public static List<Entry> entries(ConformanceResults results) {
    List<Entry> entries = new ArrayList<>();
    for (ImplementationResults i : results.implementations()) {
      for (CheckResult r : i.results()) {
        entries.add(Entry.of(r, i.gated()));
      }
    }
    return entries;
  }

  /**
   * Writes the results as JSON.
   *
   * @param results the run
   * @param file the file to (over)write
   * @throws IOException when it cannot be written
   */
  public static void write(ConformanceResults results, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), entries(results));
  }

  /**
   * Reads a {@code results.json} back.
   *
   * @param file the file
   * @return its entries
   * @throws IOException when it cannot be read or is not such a file
   */
  public static List<Entry> read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
  }
}
