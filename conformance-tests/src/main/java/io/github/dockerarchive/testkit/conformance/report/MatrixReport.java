package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.conformance.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The plain-text matrix printed at the end of a run: one row per rule (the worst verdict of its
 * checks per implementation), then the number of checks per verdict and the outcome of each
 * implementation.
 *
 * <pre>
 * rule    level  builtin  skopeo
 * ARC-1   MUST   PASS     PASS
 * SEL-3   FIX    PASS     DEV
 * ...
 * </pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MatrixReport {
  private MatrixReport() {}

  /**
   * Renders the matrix.
   *
   * @param results the run
   * @return the text, lines ending in {@code \n}
   */
  public static String render(ConformanceResults results) {
    List<ImplementationResults> impls = results.implementations();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("rule", "level"));
    impls.forEach(i -> header.add(i.name()));
    rows.add(header);
    for (Rule rule : results.rules()) {
      List<String> row = new ArrayList<>(List.of(rule.id(), rule.level().name()));
      impls.forEach(i -> row.add(i.verdict(rule).label()));
      rows.add(row);
    }
    int ruleRows = rows.size();
    for (Verdict v : Verdict.values()) {
      List<String> row = new ArrayList<>(List.of("checks", v.label()));
      for (ImplementationResults i : impls) {
        Map<Verdict, Integer> counts = i.counts();
        row.add(Integer.toString(counts.get(v)));
      }
      rows.add(row);
    }
    List<String> outcome = new ArrayList<>(List.of("outcome", ""));
    for (ImplementationResults i : impls) {
      if (!i.gated()) {
        outcome.add(i.passes() ? "ok (report only)" : "fails (report only)");
      } else {
        outcome.add(i.passes() ? "OK" : "FAILS");
      }
    }
    rows.add(outcome);

    int columns = header.size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      if (r == 1 || r == ruleRows) {
        out.append(line(widths)).append('\n');
      }
      List<String> row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(pad(row.get(c), widths[c])).append(c < columns - 1 ? "  " : "");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    if (results.rules().isEmpty()) {
      out.append("(no checks were run)\n");
    }
    return out.toString();
  }

  private static String line(int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      b.append("-".repeat(widths[c])).append(c < widths.length - 1 ? "  " : "");
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
