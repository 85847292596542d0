package io.github.dockerarchive.testkit.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ReaderOptions;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckResult;
import io.github.dockerarchive.testkit.conformance.ConformanceRunner;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.conformance.Status;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.image.BlobInfo;
import io.github.dockerarchive.testkit.image.ImageOutput;
import io.github.dockerarchive.testkit.testing.ForwardingImageOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer checks judged on deliberately broken implementations, each the built-in one with one
 * rule broken: the checks of that rule fail, and no other check of WR and REF does.
 */
class BrokenWritersTest {
  @TempDir Path work;

  private static List<Check> writerChecks() {
    List<Check> all = new ArrayList<>();
    all.addAll(WriteChecks.checks());
    all.addAll(ReferenceChecks.checks());
    return all;
  }

  /** Runs the writer groups and returns the IDs of the checks that did not pass or skip. */
  private Set<String> failing(BuiltinImplementation broken) throws Exception {
    return failing(writerChecks(), broken, work);
  }

  /**
   * Runs {@code checks} and returns the IDs of those that did not pass or skip (none may error).
   */
  static Set<String> failing(List<Check> checks, BuiltinImplementation broken, Path work)
      throws Exception {
    List<CheckResult> results =
        ConformanceRunner.run(checks, broken, ConformanceRunner.Options.in(work));
    Set<String> failed = new TreeSet<>();
    for (CheckResult r : results) {
      assertThat(r.status()).as(r.check().id() + ": " + r.reason()).isNotEqualTo(Status.ERROR);
      if (r.status() == Status.FAIL) {
        failed.add(r.check().id());
      }
    }
    return failed;
  }

  private static Set<String> ids(Predicate<Check> which) {
    Set<String> ids = new TreeSet<>();
    writerChecks().stream().filter(which).forEach(c -> ids.add(c.id()));
    return ids;
  }

  /** Leaves a partial file at the target when a copy fails (WR-2, WR-10). */
  static final class LeavesPartialFiles extends BuiltinImplementation {
    LeavesPartialFiles() {
      super("leaves-partial-files", ReaderOptions.defaults());
    }

    @Override
    public void copy(CopyRequest request) throws ImplementationException {
      try {
        super.copy(request);
      } catch (ImplementationException e) {
        String d = request.destination();
        if (d.startsWith("docker-archive:")) {
          String path = d.substring("docker-archive:".length());
          int colon = path.indexOf(':');
          Path target = Path.of(colon < 0 ? path : path.substring(0, colon));
          boolean interrupted = Thread.interrupted();
          try {
            if (!Files.exists(target)) {
              Files.write(target, new byte[1024]);
            }
          } catch (IOException ignored) {
            // best effort, as a crashing tool would
          } finally {
            if (interrupted) {
              Thread.currentThread().interrupt();
            }
          }
        }
        throw e;
      }
    }
  }

  @Test
  void partialFilesAreCaughtByWr2Wr10AndWr13Only() throws Exception {
    Set<String> expected = ids(c -> c.rule().id().equals("WR-2") && !c.needsJavaApi());
    expected.add("WR-10/failed-copy-leaves-nothing");
    expected.add("WR-10/stopped-copy-leaves-nothing");
    // a multi-image copy refused for a tag on two images must leave nothing either
    expected.add("WR-13/same-tag-two-images-refused");
    expected.add("WR-13/same-tag-two-archives-refused");
    assertThat(failing(new LeavesPartialFiles())).isEqualTo(expected);
  }

  /** Ignores --layout (WR-12). */
  static final class IgnoresLayout extends BuiltinImplementation {
    IgnoresLayout() {
      super("ignores-layout", ReaderOptions.defaults());
    }

    @Override
    public void copy(CopyRequest request) throws ImplementationException {
      super.copy(
          new CopyRequest(
              request.sources(), request.destination(), request.multi(), Optional.empty()));
    }
  }

  @Test
  void anIgnoredLayoutIsCaughtByWr12Only() throws Exception {
    assertThat(failing(new IgnoresLayout())).containsExactly("WR-12/docker-hybrid");
  }

  /** Hands every blob to the writer as of unknown digest and size: nothing is verified (WR-2). */
  static final class SkipsDigestChecks extends BuiltinImplementation {
    SkipsDigestChecks() {
      super("skips-digest-checks", ReaderOptions.defaults());
    }

    @Override
    public ArchiveSink createArchive(Path target) throws IOException {
      ArchiveSink sink = super.createArchive(target);
      return new ArchiveSink() {
        @Override
        public ImageOutput newImage() throws IOException {
          return unverified(sink.newImage());
        }

        @Override
        public void close() throws IOException {
          sink.close();
        }
      };
    }

    private static ImageOutput unverified(ImageOutput out) {
      return new ForwardingImageOutput(out) {
        @Override
        public BlobInfo putBlob(InputStream stream, BlobInfo info, boolean isConfig)
            throws ArchiveException {
          return delegate.putBlob(
              stream, new BlobInfo(null, BlobInfo.UNKNOWN_SIZE, null), isConfig);
        }
      };
    }

    @Override
    public Optional<JavaApi> javaApi() {
      return Optional.of(this);
    }
  }

  @Test
  void skippedDigestChecksAreCaughtByTheJavaWr2ChecksOnly() throws Exception {
    assertThat(failing(new SkipsDigestChecks()))
        .containsExactly(
            "WR-2/java-long-stream", "WR-2/java-short-stream", "WR-2/java-wrong-digest");
  }
}
