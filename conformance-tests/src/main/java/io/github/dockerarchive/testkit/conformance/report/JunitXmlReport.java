package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apiguardian.api.API;

/**
 * {@code junit.xml}: the results in the JUnit XML format CI servers read. One {@code testsuite} per
 * implementation, one {@code testcase} per check ({@code classname} {@code IMPL.RULE-ID}, {@code
 * name} the check's ID). A FAIL of a MUST or FIX rule is a {@code failure}, an ERROR an {@code
 * error}; UNSUPPORTED checks, known deviations and unmet SHOULD/REF rules are {@code skipped} with
 * the reason, as the TCK reports them. The reproduction goes into {@code system-out}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JunitXmlReport {
  /** The file name in the output directory. */
  public static final String FILE_NAME = "junit.xml";

  private JunitXmlReport() {}

  /**
   * Writes the results as JUnit XML.
   *
   * @param results the run
   * @param file the file to (over)write
   * @throws IOException when it cannot be written
   */
  public static void write(ConformanceResults results, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      try {
        write(results, xml);
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(ConformanceResults results, XMLStreamWriter xml)
      throws XMLStreamException {
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuites");
    xml.writeAttribute("name", "docker-archive conformance");
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (ImplementationResults i : results.implementations()) {
      for (CheckResult r : i.results()) {
        tests++;
        switch (kind(r)) {
          case "failure" -> failures++;
          case "error" -> errors++;
          case "skipped" -> skipped++;
          default -> {}
        }
      }
    }
    xml.writeAttribute("tests", Integer.toString(tests));
    xml.writeAttribute("failures", Integer.toString(failures));
    xml.writeAttribute("errors", Integer.toString(errors));
    xml.writeAttribute("skipped", Integer.toString(skipped));
    xml.writeAttribute("time", seconds(results.duration()));
    for (ImplementationResults i : results.implementations()) {
      suite(results, i, xml);
    }
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
  }

  private static void suite(
      ConformanceResults results, ImplementationResults impl, XMLStreamWriter xml)
      throws XMLStreamException {
    var counts = impl.results().stream().collect(Collectors.groupingBy(JunitXmlReport::kind));
    Duration time =
        impl.results().stream().map(CheckResult::time).reduce(Duration.ZERO, Duration::plus);
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", clean(impl.name()));
    xml.writeAttribute("tests", Integer.toString(impl.results().size()));
    xml.writeAttribute("failures", count(counts, "failure"));
    xml.writeAttribute("errors", count(counts, "error"));
    xml.writeAttribute("skipped", count(counts, "skipped"));
    xml.writeAttribute("time", seconds(time));
    xml.writeAttribute(
        "timestamp",
        DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
            results.started().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
    xml.writeCharacters("\n    ");
    xml.writeStartElement("properties");
    property(xml, "gated", Boolean.toString(impl.gated()));
    property(xml, "basedOnReference", Boolean.toString(impl.basedOnReference()));
    property(
        xml,
        "capabilities",
        impl.capabilities().stream()
            .sorted()
            .map(Capability::protocolName)
            .collect(Collectors.joining(",")));
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
    for (CheckResult r : impl.results()) {
      testcase(impl, r, xml);
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void testcase(ImplementationResults impl, CheckResult r, XMLStreamWriter xml)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", clean(impl.name() + "." + r.ruleId()));
    xml.writeAttribute("name", clean(r.check().id()));
    xml.writeAttribute("time", seconds(r.time()));
    String kind = kind(r);
    if (!kind.isEmpty()) {
      xml.writeCharacters("\n      ");
      xml.writeStartElement(kind);
      xml.writeAttribute("message", clean(message(r)));
      if (!kind.equals("skipped")) {
        xml.writeAttribute("type", r.status() + " " + r.level());
        xml.writeCharacters(clean(r.check().title() + "\n" + r.reason()));
      }
      xml.writeEndElement();
      if (!r.reproduction().isEmpty()) {
        xml.writeCharacters("\n      ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(clean(r.reproduction()));
        xml.writeEndElement();
      }
      xml.writeCharacters("\n    ");
    }
    xml.writeEndElement();
  }

  private static String message(CheckResult r) {
    return switch (Verdict.of(r)) {
      case NA -> "unsupported: " + r.reason();
      case DEV -> "known deviation of the reference: " + r.reason();
      case WARN -> "warning, " + r.level() + " rule not met: " + r.reason();
      default -> r.reason();
    };
  }

  /** {@code failure}, {@code error}, {@code skipped} or empty for a pass. */
  private static String kind(CheckResult r) {
    return switch (Verdict.of(r)) {
      case PASS -> "";
      case FAIL -> "failure";
      case ERR -> "error";
      case DEV, WARN, NA -> "skipped";
    };
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeCharacters("\n      ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", clean(value));
  }

  private static String count(Map<String, List<CheckResult>> counts, String k) {
    return Integer.toString(counts.getOrDefault(k, List.of()).size());
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  /**
   * Replaces what XML 1.0 cannot carry at all (control characters other than tab and line breaks,
   * lone surrogates, U+FFFE/U+FFFF) by {@code \\uXXXX}; the writer escapes the rest.
   */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int n = Character.charCount(c);
      boolean ok =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (ok) {
        b.appendCodePoint(c);
      } else {
        b.append(String.format(Locale.ROOT, "\\u%04X", c));
      }
      i += n;
    }
    return b.toString();
  }
}
