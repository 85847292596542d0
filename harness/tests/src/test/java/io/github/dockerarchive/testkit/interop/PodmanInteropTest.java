package io.github.dockerarchive.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ArchiveVerifier;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Archives written by the real podman ({@code podman save}, {@code podman save -m}) read back with
 * the image IDs and diffIDs podman reports. Podman runs with its own storage under a temporary
 * directory ({@code --storage-driver vfs}), so nothing outside it is touched.
 */
@DisplayName("Interop: archives written by podman save and save -m (RD-1, SEL-2, SEL-3, SRC-6)")
class PodmanInteropTest extends PodmanTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Imported(String id, List<String> diffIds) {}

  private Imported importImage(String name, String file, String content) throws Exception {
    Path layer = Files.write(dir.resolve(file + ".tar"), OciLayout.layerTar(file, content));
    podman.run("import", layer.toString(), name);
    JsonNode inspect = JSON.readTree(podman.run("image", "inspect", name)).get(0);
    List<String> diffIds = new ArrayList<>();
    inspect.get("RootFS").get("Layers").forEach(l -> diffIds.add(l.asText()));
    return new Imported(inspect.get("Id").asText(), diffIds);
  }

  @Test
  @DisplayName("podman save: one image, config digest = podman's image ID, diffIDs as podman says")
  void singleImage() throws Exception {
    Imported x = importImage("localhost/single:1", "a.txt", "hello podman");
    podman.run("tag", "localhost/single:1", "example.com/other:2");
    Path archive = dir.resolve("single.tar");
    podman.run(
        "save", "--format", "docker-archive", "-o", archive.toString(), "localhost/single:1");
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      ImageSource image = reader.imageSource(null, -1);
      assertThat(image.configDigest().hex()).isEqualTo(x.id());
      assertThat(image.diffIds().stream().map(Digest::toString).toList()).isEqualTo(x.diffIds());
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
    }
  }

  @Test
  @DisplayName("podman save -m: two images selected by tag and by index")
  void multiImage() throws Exception {
    Imported x = importImage("localhost/first:1", "x.txt", "first image");
    Imported z = importImage("localhost/second:2", "z.txt", "second image");
    Path archive = dir.resolve("multi.tar");
    podman.run("save", "-m", "-o", archive.toString(), "localhost/first:1", "localhost/second:2");
    try (ArchiveReader reader = ArchiveReader.open(archive)) {
      assertThat(reader.manifest()).hasSize(2);
      ImageSource second =
          reader.imageSource(DockerReference.parseNormalized("localhost/second:2"), -1);
      assertThat(second.configDigest().hex()).isEqualTo(z.id());
      assertThat(second.diffIds().stream().map(Digest::toString).toList()).isEqualTo(z.diffIds());
      ImageSource first = reader.imageSource(null, 0);
      assertThat(first.configDigest().hex()).isEqualTo(x.id());
      assertThat(first.selection().item().repoTags()).containsExactly("localhost/first:1");
      assertThat(ArchiveVerifier.verify(reader, ArchiveVerifier.ProgressListener.NONE).isValid())
          .isTrue();
    }
  }
}
