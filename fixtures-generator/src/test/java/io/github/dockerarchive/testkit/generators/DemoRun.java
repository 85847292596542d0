package io.github.dockerarchive.testkit.generators;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.github.dockerarchive.testkit.InvalidSpecException;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.SpecJson;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** One property run through the jqwik engine (EngineTestKit), and what it reported. */
final class DemoRun {
  final EngineExecutionResults results;

  private DemoRun(EngineExecutionResults results) {
    this.results = results;
  }

  static DemoRun of(Class<?> type, String method, String parameterTypes) {
    return new DemoRun(
        EngineTestKit.engine("jqwik")
            // report entries as JUnit Platform events, where the test kit sees them
            .configurationParameter("jqwik.reporting.usejunitplatform", "true")
            // the test kit does not read junit-platform.properties: keep jqwik's database in
            // target/
            .configurationParameter("jqwik.database", "target/jqwik-database")
            .selectors(selectMethod(type.getName(), method, parameterTypes))
            .execute());
  }

  List<String> reports(String key) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow())
        .map(ReportEntry::getKeyValuePairs)
        .filter(m -> m.containsKey(key))
        .map((Map<String, String> m) -> m.get(key))
        .toList();
  }

  long failures() {
    return results.testEvents().failed().count();
  }

  List<Event> events() {
    return results.allEvents().list();
  }

  /** The spec of the single report of {@link ArchiveFixtureLifecycle#REPORT_KEY}. */
  ArchiveSpec reportedSpec() throws InvalidSpecException {
    List<String> reports = reports(ArchiveFixtureLifecycle.REPORT_KEY);
    if (reports.size() != 1) {
      throw new AssertionError("expected one spec report, got " + reports + " in " + events());
    }
    String text = reports.get(0);
    return SpecJson.fromJson(text.substring(text.indexOf('{')));
  }
}
