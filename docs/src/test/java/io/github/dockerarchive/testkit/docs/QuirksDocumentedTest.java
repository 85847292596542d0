package io.github.dockerarchive.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkFamily;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/quirks.md is the quirk catalogue rendered from {@link Quirk#values()}, so it cannot drift:
 * the test fails when the file differs from the rendering, and rewrites it when run with {@code
 * -Ddockerarchive.docs.regenerate=true}.
 */
class QuirksDocumentedTest {
  static final String REGENERATE = "dockerarchive.docs.regenerate";

  static final String HOW_TO_REGENERATE =
      "mvn -B -o -q -pl docs -am test -Dtest=QuirksDocumentedTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -D"
          + REGENERATE
          + "=true";

  @Test
  void docsQuirksMdIsTheRenderedCatalogue() throws IOException {
    Path file = MarkdownExamplesTest.repositoryRoot().resolve("docs/quirks.md");
    String rendered = render();
    if (Boolean.getBoolean(REGENERATE)) {
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    }
    String actual = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertThat(actual)
        .as(
            "docs/quirks.md is generated from Quirk.values(); regenerate it with:%n  %s",
            HOW_TO_REGENERATE)
        .isEqualTo(rendered);
  }

  @Test
  void theRenderingListsEveryQuirkOnceWithItsRuleAndLinks() {
    String rendered = render();
    for (Quirk q : Quirk.values()) {
      String row =
          rendered.lines().filter(l -> l.startsWith("| `" + q.id() + "`")).findFirst().orElse("");
      assertThat(row)
          .as(q.id())
          .contains(q.rule())
          .contains(q.validity() == QuirkValidity.VALID ? "valid" : "defect");
      assertThat(row.contains(", expensive |"))
          .as("%s marked expensive", q.id())
          .isEqualTo(q.expensive());
      for (URI report : q.reports()) {
        assertThat(row).contains("(" + report + ")");
      }
    }
    assertThat(rendered.lines().filter(l -> l.startsWith("| `"))).hasSize(Quirk.values().length);
  }

  /** The Markdown of docs/quirks.md. */
  static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Quirks: archive shapes that broke real tools\n\n");
    md.append(
        "<!-- Generated from Quirk.values() by QuirksDocumentedTest; do not edit by hand."
            + " Regenerate:\n     "
            + HOW_TO_REGENERATE
            + " -->\n\n");
    md.append(
        "Each `Quirk` of the synthetic module (`io.github.dockerarchive.testkit.synthetic.Quirk`)"
            + " is an archive\nshape that a producer wrote and a tool broke on, built by"
            + " `Quirk.X.spec()` or applied to any spec\nwith `Quirk.X.applyTo(spec)` (see"
            + " [synthetic.md](synthetic.md#quirks)). A **valid** quirk loads in\nDocker,"
            + " skopeo and podman and `verify` accepts it, under the rule named; a **defect** is"
            + " reported\nby `verify` under its rule ([rules.md](rules.md)). `Quirk.DOCKER_MAX_LAYERS`"
            + " = "
            + Quirk.DOCKER_MAX_LAYERS
            + ": the most layers\nDocker loads (moby's `layer/layer_store.go` `maxLayerDepth`;"
            + " measured with Docker 20.10).\n\n");
    md.append(
        "An **expensive** quirk (`Quirk.expensive()`) takes more than a few seconds and gigabytes"
            + " of I/O to write\nand read (its archive stays small on disk): `@ArchiveQuirks`, the"
            + " jqwik quirk arbitraries and\n`generate --corpus DIR --quirks` leave it out unless"
            + " asked for it (`includeExpensive = true`,\nnaming it, `--include-expensive`), and"
            + " the skip is reported. The interop test loads them in Docker, skopeo and podman\n"
            + "only when its system property names them (each load unpacks 8 GiB):\n"
            + "`-Ddockerarchive.interop.quirks=outer-8-gib-entry,layer-8-gib-member` with"
            + " `-Dtest=QuirkInteropTest`.\n\n");
    int valid = 0;
    int expensive = 0;
    for (Quirk q : Quirk.values()) {
      valid += q.validity() == QuirkValidity.VALID ? 1 : 0;
      expensive += q.expensive() ? 1 : 0;
    }
    md.append(Quirk.values().length)
        .append(" quirks: ")
        .append(valid)
        .append(" valid, ")
        .append(Quirk.values().length - valid)
        .append(" defects; ")
        .append(expensive)
        .append(" expensive.\n");
    for (QuirkFamily family : QuirkFamily.values()) {
      List<Quirk> quirks = new ArrayList<>();
      for (Quirk q : Quirk.values()) {
        if (q.family() == family) {
          quirks.add(q);
        }
      }
      if (quirks.isEmpty()) {
        continue;
      }
      md.append("\n## ").append(family.id()).append("\n\n");
      md.append("| quirk | family | verdict | rule | written by | broke | reports |\n");
      md.append("|---|---|---|---|---|---|---|\n");
      for (Quirk q : quirks) {
        List<String> links = new ArrayList<>();
        for (URI report : q.reports()) {
          links.add("[" + shortName(report) + "](" + report + ")");
        }
        md.append("| `")
            .append(q.id())
            .append("`: ")
            .append(cell(q.description()))
            .append(" | ")
            .append(family.id())
            .append(" | ")
            .append(q.validity() == QuirkValidity.VALID ? "valid" : "defect")
            .append(q.expensive() ? ", expensive" : "")
            .append(" | ")
            .append(q.rule())
            .append(" | ")
            .append(cell(q.writtenBy()))
            .append(" | ")
            .append(cell(q.broke()))
            .append(" | ")
            .append(links.isEmpty() ? "" : String.join(", ", links))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /** {@code https://github.com/moby/moby/issues/47210} as {@code moby/moby#47210}. */
  private static String shortName(URI report) {
    String[] parts = report.getPath().split("/");
    return parts.length >= 5 ? parts[1] + "/" + parts[2] + "#" + parts[4] : report.toString();
  }

  private static String cell(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ");
  }
}
