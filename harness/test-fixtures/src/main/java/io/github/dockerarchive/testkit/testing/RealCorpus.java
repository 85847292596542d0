package io.github.dockerarchive.testkit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apiguardian.api.API;

/**
 * The real archives from public projects that this artifact bundles (classpath resources under
 * {@code /corpus/real/}, listed with what a correct reader finds in them in {@code EXPECTED.json}).
 *
 * <p>The resources sit inside a jar when this artifact is a dependency, where no {@link Path} can
 * name them: {@link #directory()} copies them once per JVM into a temporary directory that is
 * deleted when the JVM exits.
 *
 * <pre>{@code
 * Path almostEmpty = RealCorpus.file("containers_image__docker_archive_fixtures_almostempty.tar");
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RealCorpus {
  private static final String ROOT = "/corpus/real/";
  private static final String EXPECTED = "EXPECTED.json";
  private static volatile Path directory;

  private RealCorpus() {}

  /**
   * Opens one file of the corpus.
   *
   * @param name the file name, for example {@code EXPECTED.json}
   * @return its bytes; the caller closes the stream
   * @throws IOException when the corpus has no such file
   */
  public static InputStream open(String name) throws IOException {
    InputStream in = RealCorpus.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IOException("the real corpus has no file \"" + name + "\" (under " + ROOT + ")");
    }
    return in;
  }

  /**
   * One file of the corpus as a path.
   *
   * @param name the file name
   * @return the file inside {@link #directory()}
   * @throws UncheckedIOException when the corpus has no such file
   */
  public static Path file(String name) {
    Path file = directory().resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(
          new IOException("the real corpus has no file \"" + name + "\" (in " + directory() + ")"));
    }
    return file;
  }

  /**
   * The whole corpus as a directory: {@code EXPECTED.json} and every archive it names, copied once
   * per JVM, deleted at exit.
   *
   * @return the directory
   * @throws UncheckedIOException when the copy fails
   */
  public static Path directory() {
    Path d = directory;
    if (d == null) {
      synchronized (RealCorpus.class) {
        d = directory;
        if (d == null) {
          d = copyAll();
          directory = d;
        }
      }
    }
    return d;
  }

  private static Path copyAll() {
    try {
      Path dir = Files.createTempDirectory("docker-archive-real-corpus");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      FileTrees.delete(dir);
                    } catch (IOException e) {
                      // the JVM is exiting; the directory is in the temporary directory
                    }
                  }));
      // EXPECTED.json names every archive of the corpus: copy it and what it names
      byte[] expected;
      try (InputStream in = open(EXPECTED)) {
        expected = in.readAllBytes();
      }
      Files.write(dir.resolve(EXPECTED), expected);
      for (Iterator<String> names = new ObjectMapper().readTree(expected).fieldNames();
          names.hasNext(); ) {
        String name = names.next();
        try (InputStream in = open(name)) {
          Files.copy(in, dir.resolve(name));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
