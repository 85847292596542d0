package io.github.dockerarchive.testkit.hostile;

import static io.github.dockerarchive.testkit.hostile.CaseSupport.accepting;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.base;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.baseTar;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.bytes;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.padded;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.utf8;
import static io.github.dockerarchive.testkit.hostile.CaseSupport.withManifest;
import static io.github.dockerarchive.testkit.synthetic.FailureStage.OPEN;

import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.hostile.CaseSupport.Refusal;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code manifest.json} at and past its limits and with the wrong shapes: 1 MiB and 1 MiB + 1 byte,
 * 10,000 items, 100,000 other entries, deep nesting, empty, not UTF-8, trailing tokens, and fields
 * of the wrong JSON type.
 *
 * <p>Exercises RD-3 (the 1 MiB cap on {@code manifest.json}) and ARC-2 (the document is an array of
 * items with typed fields, decoded strictly). The large but legal inputs are valid and {@link
 * HostileCase#big() big} where they take tens of megabytes.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ManifestCases {
  private ManifestCases() {}

  /**
   * The cases of this family, in a fixed order.
   *
   * @return the cases
   */
  public static List<HostileCase> cases() {
    return List.of(
        new Refusal(
                "RD-3",
                LimitExceededException.class,
                "exceeded maximum allowed size of 1048576 bytes",
                OPEN)
            .of(
                "manifest-1mib-plus-1",
                "manifest.json of 1 MiB + 1 byte (valid JSON padded with spaces)",
                () -> paddedManifest((1 << 20) + 1)),
        accepting(
            "manifest-exactly-1mib",
            "manifest.json of exactly 1 MiB: at the limit, accepted",
            bytes(() -> paddedManifest(1 << 20)),
            1),
        accepting(
            "ten-thousand-images",
            "10,000 manifest.json items sharing one config and layer, each with its own tag:"
                + " legal; every item is read",
            file -> {
              HandmadeImage b = new HandmadeImage().layer(Layer.of("x", "y"));
              StringBuilder json = new StringBuilder("[");
              for (int i = 0; i < 10_000; i++) {
                json.append(i == 0 ? "" : ",")
                    .append("{\"Config\":\"c.json\",\"RepoTags\":[\"i:")
                    .append(i)
                    .append("\"],\"Layers\":[\"l.tar\"]}");
              }
              new HandmadeTar()
                  .file("l.tar", b.storedLayer(0))
                  .file("c.json", b.configBytes())
                  .file("manifest.json", json.append("]").toString())
                  .writeTo(file);
            },
            10_000),
        accepting(
                "hundred-thousand-entries",
                "100,000 empty files besides one image: legal; the index must fit a small heap",
                file -> {
                  byte[] tar = baseTar();
                  try (OutputStream out =
                      new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    RawTar t = new RawTar(out);
                    for (int i = 0; i < 100_000; i++) {
                      t.file(String.format("f/%06d", i), new byte[0]);
                    }
                    t.raw(tar);
                  }
                },
                1)
            .asBig(),
        INVALID
            .saying("nesting depth")
            .of(
                "manifest-deeply-nested",
                "manifest.json is 100,000 nested arrays",
                () -> manifestIs("[".repeat(100_000) + "]".repeat(100_000))),
        INVALID
            .saying("unexpected end of JSON input")
            .of("manifest-empty", "manifest.json is empty", () -> manifestIs("")),
        INVALID
            .saying("invalid character")
            .of(
                "manifest-bom",
                "manifest.json starts with a UTF-8 byte-order mark, a syntax error to Go's"
                    + " encoding/json (so to every Go-based loader)",
                () -> {
                  byte[] json = HandmadeImage.manifestJson(base());
                  byte[] withBom = new byte[json.length + 3];
                  withBom[0] = (byte) 0xef;
                  withBom[1] = (byte) 0xbb;
                  withBom[2] = (byte) 0xbf;
                  System.arraycopy(json, 0, withBom, 3, json.length);
                  return withManifest(base(), withBom, t -> {});
                }),
        new Refusal(
                "SRC-2",
                io.github.dockerarchive.testkit.EntryNotFoundException.class,
                "\uFFFD\uFFFD",
                io.github.dockerarchive.testkit.synthetic.FailureStage.LOAD)
            .of(
                "manifest-not-utf8",
                "manifest.json holds bytes that are not UTF-8 inside the Config string: Go's decoder"
                    + " reads each as U+FFFD, so the config name matches no entry",
                () -> {
                  byte[] raw = utf8("[{\"Config\":\"\u00ff\u00ff\"}]");
                  int at = TarPatch.indexOf(raw, new byte[] {(byte) 0xc3, (byte) 0xbf});
                  raw[at] = (byte) 0xff;
                  raw[at + 1] = (byte) 0xfe;
                  return withManifest(base(), raw, t -> {});
                }),
        INVALID.of(
            "manifest-trailing-garbage",
            "manifest.json is a valid array followed by more tokens",
            () -> manifestIs("[] []")),
        wrongType("document-string", "\"items\"", "expected a JSON array of items"),
        wrongType("item-number", "[42]", "item @0 must be an object"),
        wrongType("config-number", "[{\"Config\":7}]", "field \"Config\" must be a string"),
        wrongType(
            "repotags-string", "[{\"RepoTags\":\"a:b\"}]", "field \"RepoTags\" must be an array"),
        wrongType(
            "repotags-element-object", "[{\"RepoTags\":[{}]}]", "field \"RepoTags\"[0] must be"),
        wrongType("layers-object", "[{\"Layers\":{}}]", "field \"Layers\" must be an array"),
        wrongType("layers-element-bool", "[{\"Layers\":[true]}]", "field \"Layers\"[0] must be"),
        wrongType("parent-array", "[{\"Parent\":[]}]", "field \"Parent\" must be"),
        wrongType(
            "layersources-array",
            "[{\"LayerSources\":[]}]",
            "field \"LayerSources\" must be an object"),
        wrongType(
            "layersources-size-string",
            "[{\"LayerSources\":{\"sha256:x\":{\"size\":\"big\"}}}]",
            ".size must be a 64-bit integer"),
        wrongType(
            "layersources-size-overflow",
            "[{\"LayerSources\":{\"sha256:x\":{\"size\":99999999999999999999}}}]",
            ".size must be a 64-bit integer"));
  }

  /** Refused as a manifest.json that does not decode (ARC-2). */
  private static final Refusal INVALID =
      new Refusal("ARC-2", InvalidManifestException.class, "decoding tar manifest.json", OPEN);

  /** The base image with the given text as its manifest.json. */
  private static byte[] manifestIs(String json) {
    return withManifest(base(), utf8(json), t -> {});
  }

  /** The base image with its manifest.json padded with spaces to {@code length} bytes. */
  private static byte[] paddedManifest(int length) {
    HandmadeImage b = base();
    return withManifest(b, padded(HandmadeImage.manifestJson(b), length), t -> {});
  }

  /** Refused as a manifest.json with a value of the wrong type for Go's decoder (ARC-11). */
  private static final Refusal WRONG_TYPE =
      new Refusal("ARC-11", InvalidManifestException.class, "decoding tar manifest.json", OPEN);

  /** A manifest.json of valid JSON with a value of the wrong type somewhere. */
  private static HostileCase wrongType(String name, String json, String fragment) {
    return (json.startsWith("[") ? WRONG_TYPE : INVALID)
        .saying(fragment)
        .of("manifest-type-" + name, "manifest.json " + json, () -> manifestIs(json));
  }
}
