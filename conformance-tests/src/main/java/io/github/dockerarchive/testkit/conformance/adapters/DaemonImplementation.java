package io.github.dockerarchive.testkit.conformance.adapters;

import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImageContent;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool that only loads and saves archives through its daemon (Docker Engine, containerd): its
 * adapter script copies {@code docker-archive:} to {@code docker-archive:} (load or import, then
 * save or export), and the built-in implementation converts the other ends. A read loads the
 * archive, saves the image selected and converts what the tool saved into {@code oci:} or {@code
 * dir:}; a write converts the {@code oci:} or {@code dir:} source into an archive, which the tool
 * loads and saves to the destination. Refusals and failures of the tool's own steps are the tool's;
 * the conversions only carry images between the suite's ends and the tool's.
 */
final class DaemonImplementation implements ArchiveImplementation {
  private static final String ARCHIVE = "docker-archive:";
  private static final Pattern INDEX_SELECTOR =
      Pattern.compile("docker-archive:([^:]+):@(\\d{1,9})");

  private final String name;
  private final PrivateDaemon daemon;
  private final CommandImplementation script;
  private final BuiltinImplementation converter;
  private final Path scratch;
  private String restartFailure = "";
  private boolean restartPending;

  DaemonImplementation(
      String name, PrivateDaemon daemon, CommandImplementation script, Path scratch) {
    this.name = name;
    this.daemon = daemon;
    this.script = script;
    this.converter = new BuiltinImplementation();
    this.scratch = scratch;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(
        Capability.READ, Capability.READ_TO_DIR, Capability.WRITE, Capability.WRITE_MULTI);
  }

  @Override
  public synchronized void copy(CopyRequest request)
      throws ImplementationException, InterruptedException {
    boolean fromArchives = request.sources().stream().allMatch(s -> s.startsWith(ARCHIVE));
    boolean fromLayouts = request.sources().stream().noneMatch(s -> s.startsWith(ARCHIVE));
    boolean toArchive = request.destination().startsWith(ARCHIVE);
    if (restartPending) {
      restart();
    }
    if (!restartFailure.isEmpty()) {
      throw new ImplementationException(
          ImplementationException.Kind.CRASHED,
          name + "'s daemon did not start again after a copy that hung: " + restartFailure,
          null);
    }
    if (fromArchives && toArchive) {
      run(resolved(request)); // the tool's own round trip
      return;
    }
    Path work;
    try {
      work = Files.createTempDirectory(scratch, "copy-");
    } catch (IOException e) {
      throw new ImplementationException(
          ImplementationException.Kind.CRASHED, "no scratch directory: " + e.getMessage(), e);
    }
    try {
      if (fromArchives && !request.multi()) {
        read(request, work);
      } else if (fromLayouts && toArchive) {
        write(request, work);
      } else {
        throw new ImplementationException(
            ImplementationException.Kind.REFUSED,
            name
                + " copies out of docker-archive: sources or into a docker-archive: destination,"
                + " not "
                + request.sources()
                + " to "
                + request.destination(),
            null);
      }
    } finally {
      try {
        FileTrees.delete(work);
      } catch (IOException e) {
        System.err.println(name + ": could not remove " + work + ": " + e.getMessage());
      }
    }
  }

  /** Loads the archive, saves the image selected, converts what the tool saved. */
  private void read(CopyRequest request, Path work)
      throws ImplementationException, InterruptedException {
    Path saved = work.resolve("saved.tar");
    run(CopyRequest.of(resolve(request.sources().get(0)), ARCHIVE + saved));
    convert(CopyRequest.of(ARCHIVE + saved, request.destination()), "what " + name + " saved");
  }

  /** Converts each source into an archive of its own, which the tool loads and saves. */
  private void write(CopyRequest request, Path work)
      throws ImplementationException, InterruptedException {
    List<String> archives = new ArrayList<>();
    for (int i = 0; i < request.sources().size(); i++) {
      String source = request.sources().get(i);
      String archive = ARCHIVE + work.resolve("source-" + i + ".tar");
      if (!request.multi()) {
        convert(CopyRequest.of(source, archive), "the source " + source);
        archives.add(archive);
        continue;
      }
      // A multi copy tags each image with its source's reference where the protocol says so; the
      // conversion applies that rule, and the tool is given the tag it wrote as the selector.
      convert(CopyRequest.multi(List.of(source), archive), "the source " + source);
      List<String> tags;
      try {
        tags = ImageContent.ofArchive(archive).repoTags();
      } catch (IOException e) {
        throw new ImplementationException(
            ImplementationException.Kind.CRASHED,
            "the suite cannot read its conversion of " + source + ": " + e.getMessage(),
            e);
      }
      archives.add(tags.isEmpty() ? archive : archive + ":" + tags.get(0));
    }
    run(new CopyRequest(archives, request.destination(), request.multi(), request.layout()));
  }

  private static CopyRequest resolved(CopyRequest request) {
    List<String> sources = request.sources().stream().map(DaemonImplementation::resolve).toList();
    return new CopyRequest(sources, request.destination(), request.multi(), request.layout());
  }

  /**
   * A source {@code docker-archive:PATH:@N} as {@code docker-archive:PATH:sha256:HEX}, the config
   * digest (image ID) of item N as this project's reader finds it, which copes with more shapes of
   * {@code manifest.json} than the script's {@code tar} and {@code jq}; any other source, or one
   * the reader cannot open, unchanged (the script then reads item N itself).
   */
  private static String resolve(String source) {
    Matcher m = INDEX_SELECTOR.matcher(source);
    if (!m.matches()) {
      return source;
    }
    try (ArchiveReader reader = ArchiveReader.open(Path.of(m.group(1)))) {
      int index = Integer.parseInt(m.group(2));
      if (index >= reader.manifest().size()) {
        return source;
      }
      return ARCHIVE + m.group(1) + ":" + reader.imageSource(null, index).configDigest();
    } catch (IOException | RuntimeException e) {
      return source;
    }
  }

  /**
   * Runs the script. After a copy that hung, crashed or was stopped, the daemon may still be busy
   * with it (a load goes on in the daemon when its client is killed), so it is started afresh, with
   * an empty store, before the next copy.
   */
  private void run(CopyRequest request) throws ImplementationException, InterruptedException {
    boolean clean = false;
    try {
      script.copy(request);
      clean = true;
    } catch (ImplementationException e) {
      clean = e.kind() == ImplementationException.Kind.REFUSED;
      throw e;
    } finally {
      restartPending = !clean;
    }
  }

  private void restart() throws InterruptedException {
    restartPending = false;
    try {
      daemon.restart();
    } catch (IOException e) {
      restartFailure = e.getMessage();
    }
  }

  private void convert(CopyRequest request, String what) throws ImplementationException {
    try {
      converter.copy(request);
    } catch (ImplementationException e) {
      throw new ImplementationException(
          e.kind(),
          "the suite's conversion of " + what + " for " + name + " failed: " + e.getMessage(),
          e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      script.close();
    } finally {
      daemon.close();
    }
  }

  @Override
  public String toString() {
    return name + " through " + daemon;
  }
}
