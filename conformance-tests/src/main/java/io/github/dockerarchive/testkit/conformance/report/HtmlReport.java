package io.github.dockerarchive.testkit.conformance.report;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.Level;
import io.github.dockerarchive.testkit.conformance.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * {@code report.html}: one self-contained page (inline CSS and JavaScript, nothing fetched; a
 * Content-Security-Policy forbids any request) with the implementations' outcomes, a matrix of
 * rules × implementations, and every check × implementation with its colour, reason and
 * reproduction (expandable). Filters by verdict, level, implementation and text; their state is
 * kept in the URL fragment ({@code #status=FAIL,ERR&level=MUST&impl=skopeo&q=digest}), so a
 * filtered view can be linked.
 *
 * <p>Every text of a result is escaped: reasons carry what tools printed, which is data.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HtmlReport {
  /** The file name in the output directory. */
  public static final String FILE_NAME = "report.html";

  private HtmlReport() {}

  /**
   * Writes the page.
   *
   * @param results the run
   * @param file the file to (over)write
   * @throws IOException when it cannot be written
   */
  public static void write(ConformanceResults results, Path file) throws IOException {
    Files.writeString(file, render(results), StandardCharsets.UTF_8);
  }

  /**
   * Renders the page.
   *
   * @param results the run
   * @return the HTML document
   */
  public static String render(ConformanceResults results) {
    StringBuilder h = new StringBuilder(64 * 1024);
    List<ImplementationResults> impls = results.implementations();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>docker-archive conformance report</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<h1>docker-archive conformance</h1>\n");
    h.append("<p class=\"meta\">Run of ")
        .append(
            esc(
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    results.started().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))))
        .append(" UTC, ")
        .append(String.format(Locale.ROOT, "%.1f", results.duration().toMillis() / 1000.0))
        .append(" s: ")
        .append(results.checks().size())
        .append(" checks of ")
        .append(results.rules().size())
        .append(" rules against ")
        .append(impls.size())
        .append(impls.size() == 1 ? " implementation" : " implementations")
        .append(". Outcome: <strong id=\"outcome\" class=\"")
        .append(results.passes() ? "v-PASS\">PASS" : "v-FAIL\">FAIL")
        .append("</strong></p>\n");

    implementations(h, impls);
    filters(h, impls);
    ruleMatrix(h, results);
    checkTable(h, results);
    legend(h);
    h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void implementations(StringBuilder h, List<ImplementationResults> impls) {
    h.append("<h2>Implementations</h2>\n<table id=\"implementations\">\n<thead><tr>")
        .append("<th>implementation</th><th>gated</th><th>capabilities</th>");
    for (Verdict v : Verdict.values()) {
      h.append("<th class=\"v-")
          .append(v.name())
          .append("\">")
          .append(esc(v.label()))
          .append("</th>");
    }
    h.append("<th>outcome</th></tr></thead>\n<tbody>\n");
    for (ImplementationResults i : impls) {
      Map<Verdict, Integer> counts = i.counts();
      h.append("<tr data-impl=\"").append(esc(i.name())).append("\"><td>").append(esc(i.name()));
      if (i.basedOnReference()) {
        h.append(" <span class=\"note\">(based on the reference)</span>");
      }
      h.append("</td><td>")
          .append(i.gated() ? "yes" : "no (report only)")
          .append("</td><td>")
          .append(
              esc(
                  i.capabilities().stream()
                      .sorted()
                      .map(Capability::protocolName)
                      .collect(Collectors.joining(", "))))
          .append("</td>");
      for (Verdict v : Verdict.values()) {
        h.append("<td class=\"count\" data-verdict=\"")
            .append(v.name())
            .append("\">")
            .append(counts.get(v))
            .append("</td>");
      }
      int gating = i.gatingFailures().size();
      h.append("<td class=\"outcome ")
          .append(i.passes() ? "v-PASS" : i.gated() ? "v-FAIL" : "v-WARN")
          .append("\">")
          .append(
              i.passes()
                  ? "passes every MUST and FIX check"
                  : gating
                      + (gating == 1 ? " check fails" : " checks fail")
                      + " (MUST/FIX failures and errors)"
                      + (i.gated() ? "" : ", report only"))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void filters(StringBuilder h, List<ImplementationResults> impls) {
    h.append("<h2>Filters</h2>\n<form id=\"filters\" onsubmit=\"return false\">\n")
        .append("<fieldset><legend>status</legend>");
    for (Verdict v : Verdict.values()) {
      h.append("<label class=\"v-")
          .append(v.name())
          .append("\"><input type=\"checkbox\" name=\"status\" value=\"")
          .append(v.name())
          .append("\" checked> ")
          .append(esc(v.label()))
          .append("</label> ");
    }
    h.append("</fieldset>\n<fieldset><legend>level</legend><select name=\"level\">")
        .append("<option value=\"\">all</option>");
    for (Level l : Level.values()) {
      h.append("<option value=\"")
          .append(l.name())
          .append("\">")
          .append(l.name())
          .append("</option>");
    }
    h.append("</select></fieldset>\n<fieldset><legend>implementation</legend>");
    for (ImplementationResults i : impls) {
      h.append("<label><input type=\"checkbox\" name=\"impl\" value=\"")
          .append(esc(i.name()))
          .append("\" checked> ")
          .append(esc(i.name()))
          .append("</label> ");
    }
    h.append("</fieldset>\n<fieldset><legend>text</legend>")
        .append("<input type=\"search\" name=\"q\" placeholder=\"rule, check, title or reason\">")
        .append("</fieldset>\n</form>\n")
        .append("<p id=\"shown\"><span id=\"shown-checks\"></span> checks and")
        .append(" <span id=\"shown-rules\"></span> rules shown</p>\n");
  }

  /**
   * Opens a table that the filters act on: its heading, then its own column headers and one per
   * implementation, ending where the body's rows begin.
   */
  private static void openFilteredTable(
      StringBuilder h,
      String heading,
      String id,
      String columns,
      List<ImplementationResults> impls) {
    h.append("<h2>")
        .append(heading)
        .append("</h2>\n<table id=\"")
        .append(id)
        .append("\" class=\"filtered\">\n<thead><tr>")
        .append(columns);
    implHeaders(h, impls);
    h.append("</tr></thead>\n<tbody>\n");
  }

  private static void ruleMatrix(StringBuilder h, ConformanceResults results) {
    List<ImplementationResults> impls = results.implementations();
    openFilteredTable(
        h, "Rules", "rules", "<th>rule</th><th>level</th><th>summary</th><th>checks</th>", impls);
    for (Rule rule : results.rules()) {
      List<Check> checks = results.checks(rule);
      StringBuilder text = new StringBuilder(rule.id() + " " + rule.summary());
      checks.forEach(c -> text.append(' ').append(c.id()).append(' ').append(c.title()));
      h.append("<tr data-rule=\"")
          .append(esc(rule.id()))
          .append("\" data-level=\"")
          .append(rule.level().name())
          .append("\" data-text=\"")
          .append(esc(text.toString().toLowerCase(Locale.ROOT)))
          .append("\"><td><a href=\"#rule-")
          .append(esc(anchor(rule.id())))
          .append("\" class=\"rule-link\">")
          .append(esc(rule.id()))
          .append("</a></td><td>")
          .append(rule.level().name())
          .append("</td><td>")
          .append(esc(rule.summary()))
          .append("</td><td class=\"count\">")
          .append(checks.size())
          .append("</td>");
      for (ImplementationResults i : impls) {
        Verdict v = i.verdict(rule);
        openVerdictCell(h, i, v);
        h.append(">").append(esc(v.label())).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void checkTable(StringBuilder h, ConformanceResults results) {
    List<ImplementationResults> impls = results.implementations();
    openFilteredTable(h, "Checks", "checks", "<th>check</th><th>level</th><th>title</th>", impls);
    String previousRule = null;
    for (Check check : results.checks()) {
      StringBuilder text =
          new StringBuilder(check.id() + " " + check.title() + " " + check.rule().summary());
      for (ImplementationResults i : impls) {
        i.result(check.id()).ifPresent(r -> text.append(' ').append(r.reason()));
      }
      h.append("<tr data-check=\"")
          .append(esc(check.id()))
          .append("\" data-rule=\"")
          .append(esc(check.rule().id()))
          .append("\" data-level=\"")
          .append(check.rule().level().name())
          .append("\" data-text=\"")
          .append(esc(text.toString().toLowerCase(Locale.ROOT)))
          .append('"');
      if (!check.rule().id().equals(previousRule)) {
        h.append(" id=\"rule-").append(esc(anchor(check.rule().id()))).append('"');
        previousRule = check.rule().id();
      }
      h.append("><td><code>")
          .append(esc(check.id()))
          .append("</code></td><td>")
          .append(check.rule().level().name())
          .append("</td><td>")
          .append(esc(check.title()))
          .append("</td>");
      for (ImplementationResults i : impls) {
        cell(h, i, i.result(check.id()));
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  /**
   * Starts an implementation's verdict cell: its class, implementation and verdict attributes, the
   * tag left open for more attributes.
   */
  private static void openVerdictCell(StringBuilder h, ImplementationResults i, Verdict v) {
    h.append("<td class=\"v v-")
        .append(v.name())
        .append("\" data-impl=\"")
        .append(esc(i.name()))
        .append("\" data-verdict=\"")
        .append(v.name())
        .append('"');
  }

  private static void cell(StringBuilder h, ImplementationResults i, Optional<CheckResult> result) {
    if (result.isEmpty()) {
      h.append("<td class=\"v v-none\" data-impl=\"")
          .append(esc(i.name()))
          .append("\" data-verdict=\"\">not run</td>");
      return;
    }
    CheckResult r = result.get();
    Verdict v = Verdict.of(r);
    openVerdictCell(h, i, v);
    h.append(" title=\"")
        .append(esc(r.status() + " in " + seconds(r)))
        .append("\"><span class=\"badge\">")
        .append(esc(v.label()))
        .append("</span>");
    if (!r.reason().isEmpty() || (v != Verdict.PASS && !r.reproduction().isEmpty())) {
      h.append("<details><summary class=\"reason\">")
          .append(esc(r.reason().isEmpty() ? "(no reason given)" : r.reason()))
          .append("</summary><div class=\"repro\">status ")
          .append(r.status())
          .append(r.knownDeviation() ? " (known deviation of the reference)" : "")
          .append(", ")
          .append(esc(seconds(r)))
          .append("<pre>")
          .append(esc(r.reproduction().isEmpty() ? "(no reproduction recorded)" : r.reproduction()))
          .append("</pre></div></details>");
    }
    h.append("</td>");
  }

  private static void implHeaders(StringBuilder h, List<ImplementationResults> impls) {
    for (ImplementationResults i : impls) {
      h.append("<th data-impl=\"")
          .append(esc(i.name()))
          .append("\">")
          .append(esc(i.name()))
          .append("</th>");
    }
  }

  private static void legend(StringBuilder h) {
    h.append("<h2>Legend</h2>\n<dl id=\"legend\">\n");
    for (Verdict v : Verdict.values()) {
      h.append("<dt class=\"v v-")
          .append(v.name())
          .append("\">")
          .append(esc(v.label()))
          .append("</dt><dd>")
          .append(esc(v.description()))
          .append("</dd>\n");
    }
    h.append(
        "</dl>\n<p class=\"note\">A rule's cell shows the worst verdict of its checks. Gated"
            + " implementations fail the run on FAIL and ERR; report-only ones (peers) are shown,"
            + " not gated.</p>\n");
  }

  private static String seconds(CheckResult r) {
    return String.format(Locale.ROOT, "%.3f s", r.time().toMillis() / 1000.0);
  }

  private static String anchor(String id) {
    return id.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /**
   * Escapes text for HTML element content and double-quoted attributes; characters HTML cannot
   * carry (control characters other than tab and line breaks) become {@code \\uXXXX}.
   *
   * @param s any text
   * @return the escaped text
   */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
            b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static final String CSS =
      """
      body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 2em; color: #222; }
      h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
      table { border-collapse: collapse; margin: .5em 0; }
      th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
      thead th { background: #f0f0f0; position: sticky; top: 0; }
      td.count { text-align: right; }
      a.rule-link, td:first-child { white-space: nowrap; }
      .note { color: #666; font-size: .9em; }
      .v { white-space: nowrap; max-width: 40em; }
      .v details { white-space: normal; }
      .v-PASS { background: #d4f4d4; } .v-FAIL { background: #f8c4c4; }
      .v-DEV { background: #e4d4f8; } .v-WARN { background: #fbeab0; }
      .v-NA { background: #eeeeee; color: #666; } .v-ERR { background: #555; color: #fff; }
      .v-none { background: #fff; color: #999; }
      .badge { font-weight: bold; }
      summary.reason { cursor: pointer; font-size: .9em; overflow-wrap: anywhere; }
      .repro { font-size: .85em; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; color: #222;
            border: 1px solid #ddd; padding: 4px; margin: 4px 0; }
      fieldset { display: inline-block; border: 1px solid #ccc; margin: 0 .5em .5em 0; }
      fieldset label { padding: 1px 4px; margin-right: 2px; }
      [hidden] { display: none !important; }
      """;

  private static final String SCRIPT =
      """
      (function () {
        'use strict';
        var form = document.getElementById('filters');
        function params() {
          return new URLSearchParams(window.location.hash.replace(/^#/, ''));
        }
        function checked(name) {
          return Array.prototype.filter.call(
              form.querySelectorAll('input[name="' + name + '"]'),
              function (e) { return e.checked; }).map(function (e) { return e.value; });
        }
        function all(name) {
          return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]'),
              function (e) { return e.value; });
        }
        function fromHash() {
          if (window.location.hash.indexOf('=') < 0) { return; } // a plain anchor (#rule-X)
          var p = params();
          ['status', 'impl'].forEach(function (name) {
            if (!p.has(name)) { return; }
            var wanted = p.get(name).split(',');
            form.querySelectorAll('input[name="' + name + '"]').forEach(function (e) {
              e.checked = wanted.indexOf(e.value) >= 0;
            });
          });
          form.elements.level.value = p.get('level') || '';
          form.elements.q.value = p.get('q') || '';
        }
        function toHash() {
          var p = new URLSearchParams();
          var status = checked('status');
          var impl = checked('impl');
          if (status.length !== all('status').length) { p.set('status', status.join(',')); }
          if (impl.length !== all('impl').length) { p.set('impl', impl.join(',')); }
          if (form.elements.level.value) { p.set('level', form.elements.level.value); }
          if (form.elements.q.value) { p.set('q', form.elements.q.value); }
          var hash = p.toString();
          history.replaceState(null, '', hash ? '#' + hash : window.location.pathname + window.location.search);
        }
        function apply() {
          var status = checked('status');
          var impl = checked('impl');
          var level = form.elements.level.value;
          var q = form.elements.q.value.trim().toLowerCase();
          document.querySelectorAll('[data-impl]').forEach(function (e) {
            if (e.tagName === 'TH' || e.tagName === 'TD') {
              e.hidden = impl.indexOf(e.getAttribute('data-impl')) < 0;
            }
          });
          var shown = {};
          document.querySelectorAll('table.filtered').forEach(function (table) {
            var count = 0;
            table.querySelectorAll('tbody tr').forEach(function (row) {
              var cells = Array.prototype.filter.call(row.querySelectorAll('td[data-impl]'),
                  function (c) { return !c.hidden; });
              var visible = (!level || row.getAttribute('data-level') === level)
                  && (!q || row.getAttribute('data-text').indexOf(q) >= 0)
                  && cells.some(function (c) {
                    return status.indexOf(c.getAttribute('data-verdict')) >= 0;
                  });
              row.hidden = !visible;
              if (visible) { count++; }
            });
            shown[table.id] = count + ' of ' + table.querySelectorAll('tbody tr').length;
          });
          document.getElementById('shown-checks').textContent = shown.checks;
          document.getElementById('shown-rules').textContent = shown.rules;
        }
        form.addEventListener('input', function () { toHash(); apply(); });
        form.addEventListener('change', function () { toHash(); apply(); });
        window.addEventListener('hashchange', function () { fromHash(); apply(); });
        fromHash();
        apply();
      })();
      """;
}
