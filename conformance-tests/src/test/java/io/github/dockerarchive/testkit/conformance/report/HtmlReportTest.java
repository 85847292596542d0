package io.github.dockerarchive.testkit.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The page as written (before any script runs); {@link HtmlReportChromiumTest} renders it. */
class HtmlReportTest {
  private final String html = HtmlReport.render(SampleResults.twoImplementations());
  private final Document doc = Jsoup.parse(html);

  @Test
  void selfContainedNothingIsFetched() {
    assertThat(doc.select("[src]")).isEmpty();
    assertThat(doc.select("link, iframe, object, embed, img")).isEmpty();
    assertThat(doc.select("a[href]").eachAttr("href")).allMatch(h -> h.startsWith("#"));
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .contains("default-src 'none'");
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("style")).hasSize(1);
  }

  @Test
  void hostileReasonsStayText() {
    Element cell =
        doc.selectFirst("#checks tr[data-check=SEL-1/neither-one-image] td[data-impl=skopeo]");
    assertThat(cell).isNotNull();
    assertThat(cell.selectFirst("summary").text())
        .isEqualTo(SampleResults.HOSTILE.replace("\u001b", "\\u001B").replaceAll("\\s+", " "));
    assertThat(cell.select("script, img")).isEmpty();
    assertThat(html).doesNotContain("<script>document").doesNotContain("<img");
  }

  @Test
  void everyCheckAndImplementationHasACellWithItsVerdict() {
    assertThat(doc.select("#checks tbody tr")).hasSize(6);
    assertThat(doc.select("#checks thead th[data-impl]").eachText())
        .containsExactly("builtin", "skopeo");
    assertThat(doc.select("#checks td[data-impl=builtin]").eachAttr("data-verdict"))
        .containsExactly("PASS", "PASS", "PASS", "WARN", "PASS", "ERR");
    assertThat(doc.select("#checks td[data-impl=skopeo]").eachAttr("data-verdict"))
        .containsExactly("PASS", "FAIL", "DEV", "PASS", "NA", "PASS");
    assertThat(doc.select("#checks td[data-impl=skopeo]").get(2).className()).contains("v-DEV");
    assertThat(doc.select("#rules tbody tr").eachAttr("data-rule"))
        .containsExactly("ARC-1", "SEL-1", "SEL-5", "SRC-4", "SRC-9", "WR-12");
    assertThat(doc.select("#rules td[data-impl=skopeo]").eachText())
        .containsExactly("PASS", "FAIL", "PASS", "DEV", "PASS", "n/a");
  }

  @Test
  void failuresHaveAnExpandableReasonAndReproduction() {
    Element deviation =
        doc.selectFirst("#checks tr[data-check=SRC-4/fixed-behaviour] td[data-impl=skopeo]");
    assertThat(deviation.selectFirst("details summary").text()).isEqualTo("the reference's way");
    assertThat(deviation.selectFirst("details").text())
        .contains("known deviation of the reference");
    assertThat(deviation.selectFirst("details pre").text())
        .isEqualTo("skopeo copy docker-archive:/tmp/x.tar oci:/tmp/out\n  -> no");
    Element pass =
        doc.selectFirst("#checks tr[data-check=ARC-1/tar-formats] td[data-impl=builtin]");
    assertThat(pass.select("details")).isEmpty();
  }

  @Test
  void implementationsTableShowsGatingAndOutcome() {
    assertThat(doc.select("#implementations tbody tr")).hasSize(2);
    Element skopeo = doc.selectFirst("#implementations tr[data-impl=skopeo]");
    assertThat(skopeo.text()).contains("report only").contains("based on the reference");
    assertThat(skopeo.selectFirst("td[data-verdict=FAIL]").text()).isEqualTo("1");
    assertThat(doc.selectFirst("#implementations tr[data-impl=builtin] td.outcome").text())
        .isEqualTo("1 check fails (MUST/FIX failures and errors)");
    assertThat(skopeo.selectFirst("td.outcome").text()).endsWith(", report only");
    assertThat(doc.selectFirst("#outcome").text()).isEqualTo("FAIL");
  }
}
