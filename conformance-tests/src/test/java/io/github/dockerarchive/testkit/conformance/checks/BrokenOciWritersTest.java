package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI checks judged on a writer whose hybrid layout is broken in one way: the check of that
 * rule fails and no other OCI check does; the built-in writer passes them all.
 */
class BrokenOciWritersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  /** The built-in writer, then index.json rewritten by {@code edit} in a hybrid archive. */
  static final class EditsIndexJson extends BuiltinImplementation {
    private final java.util.function.Consumer<ObjectNode> edit;

    EditsIndexJson(String name, java.util.function.Consumer<ObjectNode> edit) {
      super(name, ReaderOptions.defaults());
      this.edit = edit;
    }

    @Override
    public void copy(CopyRequest request) throws ImplementationException {
      super.copy(request);
      if (request.layout().isEmpty()) {
        return;
      }
      String d = request.destination().substring("docker-archive:".length());
      int colon = d.indexOf(':');
      Path target = Path.of(colon < 0 ? d : d.substring(0, colon));
      try {
        rewrite(target);
      } catch (IOException e) {
        throw new ImplementationException(
            ImplementationException.Kind.CRASHED, "rewriting " + target + ": " + e, e);
      }
    }

    private void rewrite(Path target) throws IOException {
      HandmadeTar out = new HandmadeTar();
      try (TarArchiveInputStream in =
          new TarArchiveInputStream(new ByteArrayInputStream(Files.readAllBytes(target)))) {
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
          if (e.isSymbolicLink()) {
            out.symlink(e.getName(), e.getLinkName());
          } else if (e.isDirectory()) {
            out.directory(e.getName());
          } else {
            byte[] data = in.readAllBytes();
            if (e.getName().equals("index.json")) {
              ObjectNode index = (ObjectNode) JSON.readTree(data);
              edit.accept(index);
              data = JSON.writeValueAsBytes(index);
            }
            out.file(e.getName(), data);
          }
        }
      }
      Files.write(target, out.build());
    }
  }

  private Set<String> failing(BuiltinImplementation implementation) throws Exception {
    return BrokenWritersTest.failing(OciChecks.checks(), implementation, work);
  }

  @Test
  void descriptorSizesOffByOneFailOci2Only() throws Exception {
    Set<String> failed =
        failing(
            new EditsIndexJson(
                "index-sizes-off-by-one",
                index ->
                    index
                        .withArray("manifests")
                        .forEach(d -> ((ObjectNode) d).put("size", d.get("size").asLong() + 1))));
    assertThat(failed).containsExactly("OCI-2/hybrid-descriptors-match-blobs");
  }

  @Test
  void bareRefNamesWithSpacesFailOci4Only() throws Exception {
    Set<String> failed =
        failing(
            new EditsIndexJson(
                "ref-name-with-space",
                index ->
                    index
                        .withArray("manifests")
                        .forEach(
                            d ->
                                ((ObjectNode) d)
                                    .putObject("annotations")
                                    .put("org.opencontainers.image.ref.name", "app 1"))));
    assertThat(failed).containsExactly("OCI-4/hybrid-ref-name-grammar");
  }

  @Test
  void anEmptyIndexFailsOci1Only() throws Exception {
    Set<String> failed =
        failing(
            new EditsIndexJson("empty-index", index -> index.withArray("manifests").removeAll()));
    assertThat(failed)
        .containsExactly(
            "OCI-1/hybrid-agrees-with-manifest-json",
            "OCI-1/hybrid-repeated-layer",
            "OCI-1/hybrid-two-images-sharing-a-layer");
  }

  @Test
  void theBuiltinWriterPassesEveryOciCheck() throws Exception {
    assertThat(failing(new BuiltinImplementation("builtin", ReaderOptions.defaults()))).isEmpty();
  }
}
