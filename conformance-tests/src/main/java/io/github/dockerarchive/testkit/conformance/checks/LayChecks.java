package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The checks of LAY: a writer stores layer tars as it got them, so the layers it writes keep each
 * member name once (LAY-1) and every hard link after its target (LAY-2); one that re-packs layers
 * (sorting members, merging directories) can break both. Each check lets the implementation write
 * an image whose first layer holds a directory, files, a hard link after its target and a symlink,
 * reads it back (the diffIDs must be the source's) and judges the archive with the suite's own
 * {@code verify}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LayChecks {
  private static final Set<Capability> WRITE = Set.of(Capability.WRITE);

  private LayChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.add(
        Check.of(
            "LAY-1",
            "written-layers-keep-names-once",
            "an image whose layer holds a directory, files and links, written to docker-archive:"
                + " every member name occurs once in each written layer tar",
            WRITE,
            c ->
                WrittenArchives.requireNoProblems(
                    WrittenArchives.write(c, WrittenArchives.linkedImage("lay1"), null),
                    "the archive written",
                    "LAY-1")));
    checks.add(
        Check.of(
            "LAY-2",
            "written-layers-keep-hard-links-after-targets",
            "an image whose layer holds a hard link after its target, written to docker-archive:"
                + " the written layer's hard link still names an earlier member",
            WRITE,
            c ->
                WrittenArchives.requireNoProblems(
                    WrittenArchives.write(c, WrittenArchives.linkedImage("lay2"), null),
                    "the archive written",
                    "LAY-2")));
    checks.add(
        Check.of(
            "LAY-2",
            "hybrid-layers-keep-hard-links-after-targets",
            "the same image written with --layout docker-hybrid: no LAY-1 or LAY-2 problem in"
                + " its layers",
            Set.of(Capability.WRITE, Capability.WRITE_HYBRID),
            c ->
                WrittenArchives.requireNoProblems(
                    WrittenArchives.write(c, WrittenArchives.linkedImage("lay2h"), "docker-hybrid"),
                    "the hybrid archive written",
                    "LAY-")));
    return List.copyOf(checks);
  }
}
