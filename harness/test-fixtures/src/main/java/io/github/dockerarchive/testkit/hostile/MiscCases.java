package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.NO_MANIFEST;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.item;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.rejecting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.withManifest;
import static io.github.dockerarchive.testkit.hostile.Expectation.reject;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.READ;

import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.MalformedArchiveException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The cases that belong to no other family: a pre-1.10 {@code docker save} layout without {@code
 * manifest.json}, a {@code Layers} path naming a directory, {@code manifest.json} stored twice, a
 * reference no item has, and a bzip2 layer that does not hash to its diffID.
 *
 * <p>Exercises RD-4 (no {@code manifest.json}), ARC-6 (a layer must be a regular file), ARC-7 (the
 * first of duplicate entries wins; valid), SEL-2 (an unknown reference) and SRC-7 (a digest
 * mismatch in a bzip2 layer).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MiscCases {
  private MiscCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    return List.of(
        NO_MANIFEST.of(
            "pre-1.10-save",
            "only repositories and <id>/layer.tar, no manifest.json: the error says what it is",
            () ->
                new HandmadeTar()
                    .file("repositories", "{\"busybox\":{\"latest\":\"" + "a".repeat(64) + "\"}}")
                    .file("a".repeat(64) + "/layer.tar", new byte[0])
                    .build()),
        rejecting(
            "layer-is-directory",
            "a Layers path names a directory entry",
            () -> {
              HandmadeImage b = base();
              return withManifest(
                  b,
                  item(b, i -> i.putArray("Layers").add("d/").add(b.blobPath(1))),
                  t -> t.directory("d/"));
            },
            "ARC-6",
            MalformedArchiveException.class,
            "not a regular file",
            LOAD),
        accepting(
            "duplicate-manifest-first-wins",
            "manifest.json twice, the second one broken: the first wins (ARC-7)",
            bytes(() -> HandmadeImage.archive(base()).file("manifest.json", "{not json").build()),
            1),
        new HostileCase(
            "tag-not-found",
            "read by a reference no item has",
            bytes(CaseSupport::baseTar),
            UnaryOperator.identity(),
            true,
            "hostile/other:2",
            false,
            reject(
                "SEL-2",
                ImageNotFoundException.class,
                "Tag \"docker.io/hostile/other:2\" not found",
                LOAD)),
        rejecting(
            "layer-digest-mismatch-bzip2",
            "a bzip2 layer whose content does not hash to its diffID",
            () -> {
              HandmadeImage b = new HandmadeImage().tags("hostile/bz:1");
              b.layer(
                  Layer.of("a.txt", "alpha").withDiffId(Digest.sha256(utf8("other"))),
                  Compression.BZIP2);
              return HandmadeImage.archive(b).build();
            },
            "SRC-7",
            DigestMismatchException.class,
            Digest.sha256(utf8("other")).toString(),
            READ));
  }
}
