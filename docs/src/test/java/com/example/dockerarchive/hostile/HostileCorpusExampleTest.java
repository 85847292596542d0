package com.example.dockerarchive.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.archive.ImageSource;
import io.github.dockerarchive.testkit.archive.LayerInfo;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.hostile.Expectation;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostileCorpusExampleTest {
  static Stream<HostileCase> refusedInputs() {
    return HostileCorpus.cases().stream().filter(c -> c.expectation().rejects() && !c.big());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedInputs")
  void refusesWithATypedErrorAndLeavesNothingBehind(HostileCase input, @TempDir Path dir)
      throws Exception {
    Path archive = input.materialize(Files.createDirectory(dir.resolve("input")));
    Path scratch = Files.createDirectory(dir.resolve("scratch"));
    ReaderOptions options =
        input.readerOptions(ReaderOptions.defaults()).withTemporaryDirectory(scratch);

    Throwable thrown = catchThrowable(() -> readEverything(archive, options, input.selector()));

    Expectation expected = input.expectation();
    assertThat(thrown)
        .as(input.description())
        .isInstanceOf(expected.type()); // a checked ArchiveException subtype
    assertThat(thrown.getMessage()).containsIgnoringCase(expected.fragment());
    assertThat(((ArchiveException) thrown).rule()).isEqualTo(expected.rule());
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).isEmpty(); // no temporary file survives a failure
    }
  }

  /** Opens the archive, selects as the case says, and reads every blob to its verified end. */
  static void readEverything(Path archive, ReaderOptions options, String selector)
      throws Exception {
    try (ArchiveReader reader = ArchiveReader.open(archive, options)) {
      int count = selector == null ? reader.manifest().size() : 1;
      for (int i = 0; i < count; i++) {
        ImageSource image =
            selector == null
                ? reader.imageSource(null, i) // every image by index
                : reader.imageSource(reference(selector), -1);
        image.manifestBytes(); // loads the config and the layer list
        for (LayerInfo layer : image.layers()) {
          try (BlobStream blob = image.getBlob(layer.diffId())) {
            blob.drain();
          }
        }
        try (BlobStream config = image.getBlob(image.configDigest())) {
          config.drain();
        }
      }
    }
  }

  static DockerReference reference(String selector) throws Exception {
    return selector.isEmpty() ? null : DockerReference.parseNormalized(selector).withDefaultTag();
  }
}
