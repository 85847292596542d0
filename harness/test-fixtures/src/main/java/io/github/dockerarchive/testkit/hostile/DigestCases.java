package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.configIs;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.READ;

import io.github.dockerarchive.testkit.InvalidConfigException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * diffIDs that are not digests (short, upper-case or non-hex hex, no or an unregistered algorithm,
 * empty), diffIDs in sha512 that match the layers, and a well-formed sha512 diffID that does not.
 *
 * <p>Exercises SRC-2 (each diffID is a well-formed digest) and SRC-7 (a layer must hash to its
 * diffID, whatever the registered algorithm).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DigestCases {
  private DigestCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    List<HostileCase> all = new ArrayList<>();
    digests(all);
    return List.copyOf(all);
  }

  private static void badDiffId(List<HostileCase> all, String name, String diffId) {
    all.add(
        rejecting(
            "diff-id-" + name,
            "rootfs.diff_ids[0] is \"" + diffId + "\"",
            () ->
                configIs(
                    utf8(
                        "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                            + diffId
                            + "\",\""
                            + base().diffIds().get(1)
                            + "\"]}}")),
            "SRC-2",
            InvalidConfigException.class,
            "rootfs.diff_ids[0] must be a digest",
            LOAD));
  }

  private static byte[] withDiffIds(List<String> ids) {
    HandmadeImage b = base();
    com.fasterxml.jackson.databind.node.ObjectNode config = b.configNode();
    var array = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    ids.forEach(array::add);
    return configIs(HandmadeImage.toJson(config));
  }

  private static byte[] sha(byte[] data, String algorithm) {
    try {
      return java.security.MessageDigest.getInstance(algorithm).digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void digests(List<HostileCase> all) {
    String hex = base().diffIds().get(0).hex();
    badDiffId(all, "short-hex", "sha256:" + hex.substring(1));
    badDiffId(all, "upper-case-hex", "sha256:" + hex.toUpperCase(java.util.Locale.ROOT));
    badDiffId(all, "no-algorithm", hex);
    badDiffId(all, "md5", "md5:d41d8cd98f00b204e9800998ecf8427e");
    badDiffId(all, "empty", "");
    badDiffId(all, "non-hex", "sha256:" + "g".repeat(64));
    all.add(
        accepting(
            "diff-ids-sha512",
            "diffIDs in sha512 that match the layers: another registered algorithm, legal",
            bytes(
                () -> {
                  HandmadeImage b = base();
                  List<String> ids = new ArrayList<>();
                  for (Layer l : b.layers()) {
                    ids.add(Digest.of("sha512", sha(l.tar(), "SHA-512")).toString());
                  }
                  return withDiffIds(ids);
                }),
            1));
    all.add(
        rejecting(
            "diff-ids-sha512-wrong",
            "a well-formed sha512 diffID that the layer does not hash to",
            () -> {
              HandmadeImage b = base();
              return withDiffIds(
                  List.of("sha512:" + "ab".repeat(64), b.diffIds().get(1).toString()));
            },
            "SRC-7",
            DigestMismatchException.class,
            "sha512:" + "ab".repeat(64),
            READ));
  }
}
