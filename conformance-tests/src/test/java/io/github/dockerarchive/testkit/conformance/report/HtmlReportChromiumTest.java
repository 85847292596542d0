package io.github.dockerarchive.testkit.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html rendered by headless Chromium: the scripts run, the filters given in the URL fragment
 * apply, and hostile reasons are never executed. Skipped, with the reason, without Chromium.
 */
class HtmlReportChromiumTest {
  @TempDir static Path dir;
  static Path chromium;
  static Path page;

  @BeforeAll
  static void writePage() throws Exception {
    chromium = Chromium.find().orElse(null);
    Assumptions.assumeTrue(
        chromium != null,
        "chromium is not installed (apt-get install -y chromium): report.html is not rendered");
    page = dir.resolve("report.html");
    HtmlReport.write(SampleResults.twoImplementations(), page);
  }

  private static Document render(String fragment) throws Exception {
    String url = page.toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
    return Jsoup.parse(Chromium.dumpDom(chromium, url, dir));
  }

  private static List<String> shownChecks(Document doc) {
    return doc.select("#checks tbody tr:not([hidden])").eachAttr("data-check");
  }

  @Test
  void withoutFiltersEverythingIsShownAndNoHostileScriptRan() throws Exception {
    Document doc = render("");
    assertThat(doc.title()).isEqualTo("docker-archive conformance report");
    assertThat(shownChecks(doc)).hasSize(6);
    assertThat(doc.selectFirst("#shown-checks").text()).isEqualTo("6 of 6");
    assertThat(doc.selectFirst("#shown-rules").text()).isEqualTo("6 of 6");
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("img")).isEmpty();
    Element cell =
        doc.selectFirst("#checks tr[data-check=SEL-1/neither-one-image] td[data-impl=skopeo]");
    assertThat(cell.selectFirst("summary").text())
        .contains("<script>document.title='pwned'</script>");
    assertThat(cell.selectFirst(".badge").text()).isEqualTo("FAIL");
    assertThat(doc.select("#checks td[data-impl=skopeo]").eachAttr("data-verdict"))
        .containsExactly("PASS", "FAIL", "DEV", "PASS", "NA", "PASS");
  }

  @Test
  void statusFilterFromTheFragment() throws Exception {
    Document doc = render("status=FAIL,DEV");
    assertThat(shownChecks(doc))
        .containsExactly("SEL-1/neither-one-image", "SRC-4/fixed-behaviour");
    assertThat(doc.select("#rules tbody tr:not([hidden])").eachAttr("data-rule"))
        .containsExactly("SEL-1", "SRC-4");
    assertThat(doc.selectFirst("#shown-checks").text()).isEqualTo("2 of 6");
  }

  @Test
  void implementationFilterHidesColumnsAndStatusesOfOthers() throws Exception {
    Document doc = render("impl=builtin&status=ERR,WARN");
    assertThat(doc.select("#checks th[data-impl]:not([hidden])").eachText())
        .containsExactly("builtin");
    assertThat(doc.select("#checks td[data-impl=skopeo]:not([hidden])")).isEmpty();
    assertThat(shownChecks(doc)).containsExactly("SRC-9/should-rule", "SEL-5/ref-behaviour");
  }

  @Test
  void levelAndTextFilters() throws Exception {
    assertThat(shownChecks(render("level=MUST")))
        .containsExactly("ARC-1/tar-formats", "SEL-1/neither-one-image");
    // the text filter also searches reasons
    assertThat(shownChecks(render("q=PWNED"))).containsExactly("SEL-1/neither-one-image");
    assertThat(shownChecks(render("q=hybrid&level=SHOULD"))).containsExactly("WR-12/hybrid");
    assertThat(shownChecks(render("q=no-such-text"))).isEmpty();
  }
}
