package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.require;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.READ;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.archiveOf;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.expectImage;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.input;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.plain;
import static io.github.dockerarchive.testkit.conformance.checks.ReaderCheckSupport.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.archive.ManifestItem;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.JavaApi;
import io.github.dockerarchive.testkit.conformance.ReadOptions;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.hostile.HostileCase;
import io.github.dockerarchive.testkit.hostile.HostileCorpus;
import io.github.dockerarchive.testkit.image.BlobStream;
import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.image.ImageInput;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage.Layer;
import io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apiguardian.api.API;

/**
 * The checks of RD: opening an archive (from a stream that cannot seek), one pass over large
 * archives, the limits on manifest.json and the config, the error for a missing manifest.json,
 * concurrent reads and the item list a reader exposes.
 *
 * <p>Concurrency, the item list ({@link JavaApi#tarManifest(String)}) and configurable limits need
 * the Java API; the rest goes through copies. The hostile corpus's inputs that fall under an RD
 * rule (oversized manifests and configs, a hundred thousand entries, an archive without
 * manifest.json) are checked as {@code RD-n/hostile-CASE} ({@link HostileInputs}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReadChecks {
  private ReadChecks() {}

  /**
   * The checks of this family.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    rd1(checks);
    rd5(checks);
    checks.add(
        Check.javaApi(
            "RD-6",
            "items-unchanged-whatever-selection",
            "the parsed items (Config, RepoTags as stored, Layers, Parent, LayerSources keys) of a"
                + " three-item archive are the same for no selector, @1, @2, a matching tag and a"
                + " missing tag",
            ReadChecks::itemsUnchanged));
    checks.add(
        HostileInputs.errorTextCheck(
            "RD-4",
            "message-names-oci-layout",
            "an OCI layout tar without manifest.json is refused with an error that names"
                + " manifest.json and says the archive is an OCI layout",
            Set.of(Capability.READ),
            false,
            c -> missingManifestMessage(c, true)));
    checks.add(
        HostileInputs.errorTextCheck(
            "RD-4",
            "message-names-pre-1.10-save",
            "a pre-1.10 docker save (repositories and <id>/layer.tar only) is refused with an"
                + " error that names manifest.json and says what the archive is",
            Set.of(Capability.READ),
            false,
            c -> missingManifestMessage(c, false)));
    checks.add(
        Check.javaApi(
            "RD-3",
            "limits-configurable",
            "the manifest.json and config limits can be lowered (a small archive is then refused"
                + " with an error naming the limit) and raised (a 1 MiB + 1 manifest then reads)",
            ReadChecks::configurableLimits));
    checks.addAll(HostileInputs.checksUnder("RD"));
    checks.addAll(RealArchives.checksUnder("RD"));
    return List.copyOf(checks);
  }

  private static void rd1(List<Check> checks) {
    for (Compression c : List.of(Compression.NONE, Compression.GZIP)) {
      String what = c == Compression.NONE ? "" : "-" + c.name().toLowerCase(Locale.ROOT);
      checks.add(
          Check.of(
              "RD-1",
              "named-pipe" + what,
              "an archive"
                  + (c == Compression.NONE ? "" : " compressed with gzip")
                  + " read from a named pipe (a stream that cannot seek)",
              READ,
              ctx -> {
                HandmadeImage i = plain();
                byte[] bytes = HandmadeImage.archive(i).compressed(c);
                ReaderCheckSupport.throughFifo(
                    ctx,
                    "archive.pipe",
                    bytes,
                    fifo ->
                        expectImage(
                            read(ctx, CheckContext.archive(fifo, ""), "out"), i, "the image"));
              }));
    }
  }

  private static void rd5(List<Check> checks) {
    checks.add(
        Check.javaApi(
            "RD-5",
            "concurrent-blob-reads",
            "8 threads read every blob of one image source at once; each stream is independent",
            c -> {
              HandmadeImage i = new HandmadeImage().tags("example.com/app:1");
              for (int n = 0; n < 4; n++) {
                i.layer(HandmadeImage.Layer.random(n, 40_000 + n));
              }
              Path a = archiveOf(c, i);
              JavaApi api = c.implementation().javaApi().orElseThrow();
              c.note("Java API: openImage(" + CheckContext.archive(a, "") + "), 8 threads");
              List<Digest> wanted = new ArrayList<>(i.diffIds());
              wanted.add(i.configDigest());
              ExecutorService pool = Executors.newFixedThreadPool(8);
              try (ImageInput in = api.openImage(CheckContext.archive(a, ""))) {
                List<Future<String>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                  int shift = t;
                  Callable<String> task =
                      () -> {
                        for (int k = 0; k < wanted.size(); k++) {
                          Digest d = wanted.get((k + shift) % wanted.size());
                          try (BlobStream s = in.getBlob(d)) {
                            Digest got = sha256(s);
                            if (!got.equals(d)) {
                              return "blob " + d.shortForm() + " read as " + got.shortForm();
                            }
                          }
                        }
                        return "";
                      };
                  results.add(pool.submit(task));
                }
                for (Future<String> f : results) {
                  String problem;
                  try {
                    problem = f.get();
                  } catch (java.util.concurrent.ExecutionException e) {
                    problem = "a reading thread failed: " + e.getCause();
                  }
                  CheckContext.require(problem.isEmpty(), problem);
                }
              } finally {
                pool.shutdownNow();
              }
            }));
    checks.add(
        Check.javaApi(
            "RD-5",
            "close-fails-open-streams-cleanly",
            "closing a source while a layer stream is open makes that stream fail with an"
                + " IOException, not an unchecked exception",
            c -> {
              HandmadeImage i = new HandmadeImage().tags("example.com/app:1");
              i.layer(HandmadeImage.Layer.random(1, 300_000));
              Path a = archiveOf(c, i);
              JavaApi api = c.implementation().javaApi().orElseThrow();
              c.note("Java API: openImage, getBlob(layer), read 1 byte, close the source, read on");
              ImageInput in = api.openImage(CheckContext.archive(a, ""));
              BlobStream s;
              try {
                s = in.getBlob(i.diffIds().get(0));
                CheckContext.require(s.read() >= 0, "the layer stream ended at once");
              } finally {
                in.close();
              }
              try (s) {
                byte[] buffer = new byte[8192];
                while (s.read(buffer) >= 0) {
                  // read on until the stream fails or ends
                }
                throw new io.github.dockerarchive.testkit.conformance.CheckFailure(
                    "a layer stream opened before close() read to its end after close()");
              } catch (IOException expected) {
                // the stream failed cleanly
              } catch (RuntimeException e) {
                throw new io.github.dockerarchive.testkit.conformance.CheckFailure(
                    "reading a stream after close() threw the unchecked " + e);
              }
            }));
  }

  private static Digest sha256(InputStream in) throws IOException {
    MessageDigest sha = Digest.newSha256();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      sha.update(buffer, 0, n);
    }
    return Digest.ofSha256(sha.digest());
  }

  // ---- RD-6: the item list, whatever the selection (Java API).

  private static void itemsUnchanged(CheckContext c) throws Exception {
    HandmadeImage tagged =
        new HandmadeImage()
            .tags("example.com/app:1", "example.com/app:2")
            .layerFiles("etc/a.txt", "item zero")
            .itemEdit(item -> item.put("Parent", "sha256:" + "ab".repeat(32)));
    HandmadeImage untagged = new HandmadeImage().nullTags().layerFiles("etc/b.txt", "item one");
    HandmadeImage odd =
        new HandmadeImage()
            .tags("example.com/odd:1")
            .lowerCaseKeys()
            .layerSources()
            .layerFiles("etc/c.txt", "item two")
            .layerFiles("etc/d.txt", "item two, second layer")
            .itemEdit(item -> item.put("Comment", "an unknown key, ignored"));
    List<HandmadeImage> images = List.of(tagged, untagged, odd);
    Path archive = ReaderCheckSupport.archiveOf(c, tagged, untagged, odd);
    List<Expected> expected = new ArrayList<>();
    for (HandmadeImage image : images) {
      expected.add(Expected.of(image.manifestItem()));
    }
    for (String selector : List.of("", ":@1", ":@2", ":example.com/app:2", ":example.com/no:1")) {
      List<ManifestItem> items =
          ReaderCheckSupport.items(c, CheckContext.archive(archive, selector));
      require(
          items.size() == expected.size(),
          "with selector \"" + selector + "\": " + items.size() + " items, expected 3");
      for (int i = 0; i < items.size(); i++) {
        String problem = expected.get(i).differenceFrom(items.get(i));
        require(
            problem.isEmpty(), "with selector \"" + selector + "\", item " + i + ": " + problem);
      }
    }
  }

  /** An item as written: the values a reader must give back. */
  private record Expected(
      String config, List<String> tags, List<String> layers, String parent, List<String> sources) {
    static Expected of(ObjectNode item) {
      return new Expected(
          field(item, "Config").asText(),
          texts(field(item, "RepoTags")),
          texts(field(item, "Layers")),
          item.hasNonNull("Parent") ? item.get("Parent").asText() : null,
          item.has("LayerSources") ? names(item.get("LayerSources")) : List.of());
    }

    String differenceFrom(ManifestItem actual) {
      if (!config.equals(actual.config())) {
        return "Config " + actual.config() + ", expected " + config;
      }
      if (!tags.equals(actual.repoTags())) {
        return "RepoTags " + actual.repoTags() + ", expected " + tags;
      }
      if (!layers.equals(actual.layers())) {
        return "Layers " + actual.layers() + ", expected " + layers;
      }
      if (parent != null && !parent.equals(actual.parent())) {
        return "Parent " + actual.parent() + ", expected " + parent;
      }
      List<String> keys = new ArrayList<>(actual.layerSources().keySet());
      if (!keys.containsAll(sources) || keys.size() != sources.size()) {
        return "LayerSources keys " + keys + ", expected " + sources;
      }
      return "";
    }

    private static JsonNode field(ObjectNode item, String name) {
      JsonNode n = item.get(name);
      if (n == null) {
        n = item.get(Character.toLowerCase(name.charAt(0)) + name.substring(1));
      }
      return n == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : n;
    }

    private static List<String> texts(JsonNode array) {
      List<String> out = new ArrayList<>();
      array.forEach(n -> out.add(n.asText()));
      return out;
    }

    private static List<String> names(JsonNode object) {
      List<String> out = new ArrayList<>();
      object.fieldNames().forEachRemaining(out::add);
      return out;
    }
  }

  // ---- RD-4: what an archive without manifest.json is.

  private static void missingManifestMessage(CheckContext ctx, boolean oci) throws Exception {
    HandmadeTar tar = new HandmadeTar();
    List<String> words;
    if (oci) {
      byte[] blob = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
      tar.file("blobs/sha256/" + Digest.sha256(blob).hex(), blob);
      tar.file(
          "index.json",
          "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}");
      words = List.of("oci", "index.json");
    } else {
      String id = "a".repeat(64);
      tar.file("repositories", "{\"busybox\":{\"latest\":\"" + id + "\"}}");
      tar.file(id + "/VERSION", "1.0");
      tar.file(id + "/json", "{\"id\":\"" + id + "\"}");
      tar.file(id + "/layer.tar", new byte[0]);
      words = List.of("repositories", "1.10");
    }
    // A neutral file name: the message must say what the archive is, not repeat its path.
    Path input = tar.writeTo(ctx.path("no-manifest.tar"));
    ctx.note("input: " + input + (oci ? " (an OCI layout, no manifest.json)" : " (pre-1.10 save)"));
    ImplementationException e =
        ctx.copyRefused(
            CopyRequest.of(
                CheckContext.archive(input, ":@0"), CheckContext.oci(ctx.path(HostileInputs.OUT))),
            "an archive without manifest.json");
    String message = HostileInputs.withoutPaths(ctx, e.getMessage());
    CheckContext.require(
        message.contains("manifest.json"),
        "the error does not name manifest.json: " + HostileInputs.oneLine(e.getMessage()));
    CheckContext.require(
        words.stream().anyMatch(message::contains),
        "the error does not say what the archive is (one of "
            + words
            + "): "
            + HostileInputs.oneLine(e.getMessage()));
  }

  // ---- RD-3: configurable limits (Java API).

  private static void configurableLimits(CheckContext ctx) throws Exception {
    JavaApi api = HostileInputs.api(ctx);
    List<String> problems = new ArrayList<>();
    HandmadeImage image =
        new HandmadeImage().tags("hostile/limits:1").layer(Layer.of("a.txt", "alpha"));
    Path small = image.writeTo(ctx.path("small.tar"));
    String ref = CheckContext.archive(small, ":@0");
    ctx.note("input: " + small + " (one small image; manifest.json and config under 1 KiB)");
    long limit = 64;
    for (boolean manifest : new boolean[] {true, false}) {
      ReadOptions o =
          manifest
              ? ReadOptions.defaults().withManifestLimit(limit)
              : ReadOptions.defaults().withConfigLimit(limit);
      ctx.note("read " + ref + " through the Java API with " + o);
      HostileInputs.ApiRead read = HostileInputs.readThroughApi(api, ref, o, HostileInputs.BUDGET);
      if (read.error() instanceof CheckUnsupported u) {
        throw u;
      }
      String what = manifest ? "manifest.json" : "config";
      if (read.hung()) {
        problems.add("with a " + what + " limit of " + limit + " bytes: no answer");
      } else if (read.error() == null) {
        problems.add("a " + what + " limit of " + limit + " bytes was not applied");
      } else if (read.error() instanceof RuntimeException || read.error() instanceof Error) {
        problems.add("with a " + what + " limit: unchecked " + read.error());
      } else if (!String.valueOf(read.error().getMessage()).contains(Long.toString(limit))) {
        problems.add(
            "the "
                + what
                + " limit's error does not name the limit ("
                + limit
                + " bytes): "
                + HostileInputs.oneLine(read.error().getMessage()));
      }
    }
    HostileCase big =
        HostileCorpus.cases().stream()
            .filter(x -> x.name().equals("manifest-1mib-plus-1"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no hostile case manifest-1mib-plus-1"));
    Path bigInput = big.materialize(ctx.scratch());
    ReadOptions raised = ReadOptions.defaults().withManifestLimit(2L << 20);
    ctx.note("read " + bigInput + " (" + big.description() + ") with " + raised);
    HostileInputs.ApiRead read =
        HostileInputs.readThroughApi(
            api, HostileInputs.reference(big, bigInput), raised, HostileInputs.BUDGET);
    if (read.failed()) {
      problems.add(
          "with the manifest limit raised to 2 MiB, a 1 MiB + 1 manifest.json is still refused: "
              + (read.hung() ? "no answer" : HostileInputs.oneLine(String.valueOf(read.error()))));
    }
    if (!problems.isEmpty()) {
      throw new CheckFailure(String.join("; ", problems));
    }
  }
}
