package io.github.dockerarchive.testkit.conformance.checks;

import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The checks of OCI: the OCI layout a writer puts beside {@code manifest.json} ({@code copy
 * --layout docker-hybrid}) must agree with it (OCI-1), its descriptors must match their blobs
 * (OCI-2), every blob an image needs must be there (OCI-3) and its {@code ref.name} annotations
 * must follow the OCI grammar (OCI-4). Each check lets the implementation write tiny images in the
 * hybrid layout, reads them back (the images must be those written) and judges the archive with the
 * suite's own {@code verify} for its rule. Readers ignore the OCI side (ARC-3, checked there), so
 * there are no reader checks here.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OciChecks {
  private static final Set<Capability> HYBRID = Set.of(Capability.WRITE, Capability.WRITE_HYBRID);
  private static final Set<Capability> HYBRID_MULTI =
      Set.of(Capability.WRITE, Capability.WRITE_HYBRID, Capability.WRITE_MULTI);
  private static final String LAYOUT = "docker-hybrid";

  private OciChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    checks.add(
        Check.of(
            "OCI-1",
            "hybrid-agrees-with-manifest-json",
            "copy --layout docker-hybrid of an image of two layers: index.json names one OCI"
                + " manifest of it, with its config and its layers in order, as manifest.json does",
            HYBRID,
            c ->
                judged(
                    c,
                    WrittenArchives.write(c, WriteSupport.image("oci1", 2, 800), LAYOUT),
                    "OCI-1")));
    checks.add(
        Check.of(
            "OCI-1",
            "hybrid-repeated-layer",
            "copy --layout docker-hybrid of an image listing one layer twice: the OCI manifest"
                + " lists it twice too, in manifest.json's order",
            HYBRID,
            c ->
                judged(
                    c,
                    WrittenArchives.write(c, WrittenArchives.repeatedLayerImage("oci1r"), LAYOUT),
                    "OCI-1")));
    checks.add(
        Check.of(
            "OCI-1",
            "hybrid-two-images-sharing-a-layer",
            "copy --multi --layout docker-hybrid of two images sharing a layer: each item of"
                + " manifest.json has its OCI manifest and index.json names no other image",
            HYBRID_MULTI,
            c -> judged(c, WrittenArchives.writeTwoSharing(c, LAYOUT), "OCI-1")));
    checks.add(
        Check.of(
            "OCI-2",
            "hybrid-descriptors-match-blobs",
            "copy --layout docker-hybrid: every descriptor (index.json, OCI manifest, config,"
                + " layers) has the size and digest of the blob it names",
            HYBRID,
            c ->
                judged(
                    c,
                    WrittenArchives.write(c, WriteSupport.image("oci2", 3, 600), LAYOUT),
                    "OCI-2")));
    checks.add(
        Check.of(
            "OCI-3",
            "hybrid-blobs-present",
            "copy --multi --layout docker-hybrid of two images sharing a layer: every manifest,"
                + " config and layer blob the images need is in the archive (shared ones once)",
            HYBRID_MULTI,
            c -> judged(c, WrittenArchives.writeTwoSharing(c, LAYOUT), "OCI-3")));
    checks.add(
        Check.of(
            "OCI-4",
            "hybrid-ref-name-grammar",
            "copy --layout docker-hybrid of an image tagged "
                + WrittenArchives.TAG
                + ": every org.opencontainers.image.ref.name follows the OCI grammar",
            HYBRID,
            c ->
                judged(
                    c,
                    WrittenArchives.write(c, WriteSupport.image("oci4", 1, 400), LAYOUT),
                    "OCI-4")));
    return List.copyOf(checks);
  }

  private static void judged(CheckContext c, Path archive, String rule) throws Exception {
    WrittenArchives.requireNoProblems(archive, "the hybrid archive written", rule);
  }
}
