package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.archive.LayerSource;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.image.ImageInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RD-6 and SRC-9: the built-in reader passes both; a reader that drops LayerSources fails both; one
 * that does not expose its items is UNSUPPORTED.
 */
class ItemListChecksTest {
  @TempDir Path work;

  @Test
  void builtinPassesBoth() throws Exception {
    assertThat(statuses(new BuiltinImplementation())).containsExactly(Status.PASS, Status.PASS);
  }

  @Test
  void droppingLayerSourcesFailsBoth() throws Exception {
    BuiltinImplementation dropping =
        new BuiltinImplementation("drops-layer-sources", ReaderOptions.defaults()) {
          @Override
          public List<ManifestItem> tarManifest(String reference) throws IOException {
            return super.tarManifest(reference).stream()
                .map(
                    i ->
                        new ManifestItem(
                            i.config(),
                            i.repoTags(),
                            i.layers(),
                            i.parent(),
                            Map.<String, LayerSource>of()))
                .toList();
          }
        };
    List<CheckResult> results = run(dropping);
    assertThat(results).extracting(CheckResult::status).containsExactly(Status.FAIL, Status.FAIL);
    assertThat(results.get(0).reason()).contains("LayerSources keys [], expected [sha256:");
    assertThat(results.get(1).reason()).contains("no LayerSources descriptor");
  }

  @Test
  void withoutAnItemListTheChecksAreUnsupported() throws Exception {
    BuiltinImplementation hiding =
        new BuiltinImplementation("no-item-list", ReaderOptions.defaults()) {
          @Override
          public Optional<JavaApi> javaApi() {
            BuiltinImplementation self = this;
            return Optional.of(
                new JavaApi() {
                  @Override
                  public ImageInput openImage(String reference) throws IOException {
                    return self.openImage(reference);
                  }

                  @Override
                  public ArchiveSink createArchive(Path target) throws IOException {
                    return self.createArchive(target);
                  }
                });
          }
        };
    assertThat(statuses(hiding)).containsExactly(Status.UNSUPPORTED, Status.UNSUPPORTED);
  }

  /** RD-6 and SRC-9, the two checks of the item list, from their families' classes. */
  private static List<Check> itemListChecks() {
    List<Check> checks = new ArrayList<>();
    ReadChecks.checks().stream().filter(c -> c.rule().id().equals("RD-6")).forEach(checks::add);
    SourceChecks.checks().stream().filter(c -> c.rule().id().equals("SRC-9")).forEach(checks::add);
    assertThat(checks).hasSize(2);
    return checks;
  }

  private List<Status> statuses(BuiltinImplementation impl) throws Exception {
    return run(impl).stream().map(CheckResult::status).toList();
  }

  private List<CheckResult> run(BuiltinImplementation impl) throws Exception {
    try (impl) {
      return ConformanceRunner.run(itemListChecks(), impl, ConformanceRunner.Options.in(work));
    }
  }
}
