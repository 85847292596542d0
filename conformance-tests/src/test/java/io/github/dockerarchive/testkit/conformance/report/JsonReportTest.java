package io.github.dockerarchive.testkit.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
  @TempDir Path dir;

  @Test
  void oneObjectPerCheckAndImplementationWithTheRequiredFieldsFirst() throws Exception {
    Path file = dir.resolve("results.json");
    JsonReport.write(SampleResults.twoImplementations(), file);

    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertThat(root.isArray()).isTrue();
    assertThat(root).hasSize(12);
    List<String> names = list(root.get(0).fieldNames());
    assertThat(names.subList(0, 5))
        .containsExactly("rule", "level", "implementation", "status", "reason");

    JsonNode hostile = root.get(7);
    assertThat(hostile.get("rule").asText()).isEqualTo("SEL-1");
    assertThat(hostile.get("level").asText()).isEqualTo("MUST");
    assertThat(hostile.get("implementation").asText()).isEqualTo("skopeo");
    assertThat(hostile.get("status").asText()).isEqualTo("FAIL");
    assertThat(hostile.get("reason").asText()).isEqualTo(SampleResults.HOSTILE);
    assertThat(hostile.get("check").asText()).isEqualTo("SEL-1/neither-one-image");
    assertThat(hostile.get("gated").asBoolean()).isFalse();
    assertThat(hostile.get("reproduction").asText()).contains("skopeo copy docker-archive:");
    assertThat(hostile.get("seconds").asDouble()).isEqualTo(1.234);

    JsonNode deviation = root.get(8);
    assertThat(deviation.get("status").asText()).isEqualTo("FAIL");
    assertThat(deviation.get("knownDeviation").asBoolean()).isTrue();
    assertThat(deviation.get("verdict").asText()).isEqualTo("DEV");
    assertThat(root.get(10).get("status").asText()).isEqualTo("UNSUPPORTED");
    assertThat(root.get(5).get("status").asText()).isEqualTo("ERROR");
  }

  @Test
  void readsBackWhatItWrote() throws Exception {
    Path file = dir.resolve("results.json");
    ConformanceResults sample = SampleResults.twoImplementations();
    JsonReport.write(sample, file);
    assertThat(JsonReport.read(file)).isEqualTo(JsonReport.entries(sample));
  }

  private static <T> List<T> list(Iterator<T> it) {
    List<T> all = new ArrayList<>();
    it.forEachRemaining(all::add);
    return all;
  }
}
