package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.Check;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.checks.WriteSupport.Source;
import io.github.dockerarchive.testkit.digest.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Checks of WR-2, WR-3, WR-4, WR-5, WR-10, WR-11: digest-mismatch deletion and what a failed write
 * leaves behind, through copies (every implementation) and through the Java API (blob-level writes
 * with wrong, short, long and failing streams at every position).
 */
public final class DigestMismatchChecks {
  private static final Set<Capability> WRITE = Set.of(Capability.WRITE);
  private static final String TAG = "example.com/app:1";
  private static final String BAD_TAG = "example.com/bad:1";

  /** The layer of the stopped copy (WR-10): big enough to be seen half-written. */
  static final int KILL_LAYER_BYTES = 48 << 20;

  /** How a source blob is spoiled. */
  enum Spoil {
    /** One byte changed: same size, other digest. */
    MISMATCH,
    /** The last bytes cut off. */
    SHORT,
    /** Bytes appended. */
    LONG
  }

  private DigestMismatchChecks() {}

  /**
   * The checks of this group.
   *
   * @return the checks, in a fixed order
   */
  public static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    String contract =
        " is refused; nothing is left at the target and nothing beside it (no temporary files)";
    checks.add(
        spoiled(
            "mismatch-first-layer",
            "a layer (first of three) with one byte changed",
            0,
            Spoil.MISMATCH,
            contract));
    checks.add(
        spoiled(
            "mismatch-middle-layer",
            "a layer (second of three) with one byte changed",
            1,
            Spoil.MISMATCH,
            contract));
    checks.add(
        spoiled(
            "mismatch-last-layer",
            "a layer (last of three) with one byte changed",
            2,
            Spoil.MISMATCH,
            contract));
    checks.add(
        spoiled("mismatch-config", "a config with one byte changed", -1, Spoil.MISMATCH, contract));
    checks.add(
        spoiled(
            "short-layer",
            "a layer cut short (its last 100 bytes missing)",
            1,
            Spoil.SHORT,
            contract));
    checks.add(spoiled("long-layer", "a layer with 100 bytes appended", 1, Spoil.LONG, contract));
    checks.add(spoiled("short-config", "a config cut short", -1, Spoil.SHORT, contract));
    checks.add(spoiled("long-config", "a config with bytes appended", -1, Spoil.LONG, contract));
    String multiContract =
        " is refused, and leaves either no archive, or an archive holding only the good image"
            + " with no trace of the bad blob (no entry named by its digest or holding its bytes,"
            + " manifest.json and repositories not naming it); nothing else beside the target";
    checks.add(
        Check.of(
            "WR-2",
            "multi-good-then-bad",
            "copy --multi of a good image, then one whose middle layer has a changed byte,"
                + multiContract,
            Set.of(Capability.WRITE, Capability.WRITE_MULTI),
            c -> multi(c, false)));
    checks.add(
        Check.of(
            "WR-2",
            "multi-bad-then-good",
            "copy --multi of an image whose middle layer has a changed byte, then a good one,"
                + multiContract,
            Set.of(Capability.WRITE, Capability.WRITE_MULTI),
            c -> multi(c, true)));
    for (JavaWrites.BadStream kind : JavaWrites.BadStream.values()) {
      checks.add(
          Check.javaApi(
              "WR-2",
              "java-" + kind.id(),
              "putBlob of "
                  + kind.description()
                  + " at every position (first blob, between layers, config, second image):"
                  + " a typed failure, the writer still usable, and the finished archive valid"
                  + " with no entry, name or manifest mention of the failed blob",
              c -> JavaWrites.badStream(c, kind)));
    }
    checks.add(
        Check.javaApi(
            "WR-3",
            "unknown-size-and-digest",
            "putBlob with size -1, with no digest, and with neither (the config) stores the"
                + " blobs under their sha256 and true size; the archive reads back",
            JavaWrites::unknownSizeAndDigest));
    checks.add(
        Check.javaApi(
            "WR-3",
            "spool-files-deleted",
            "a 1.5 MiB blob of unknown size, written and then failed half-way: no file holding"
                + " its bytes is left in java.io.tmpdir or beside the target",
            JavaWrites::spoolFilesDeleted));
    checks.add(
        Check.javaApi(
            "WR-4",
            "reuse-only-written",
            "tryReusingBlob answers with the blob only after it was written to this archive (by"
                + " this image or an earlier one); never for unwritten digests or in another"
                + " archive",
            JavaWrites::reuseOnlyWritten));
    checks.add(
        Check.javaApi(
            "WR-5",
            "oci-manifest-refused",
            "putManifest of an OCI image manifest fails with an error saying schema 2 is"
                + " required; the schema 2 manifest is then accepted",
            JavaWrites::ociManifestRefused));
    checks.add(
        Check.javaApi(
            "WR-5",
            "manifest-list-refused",
            "putManifest of a Docker manifest list or an OCI index fails; the schema 2"
                + " manifest is then accepted",
            JavaWrites::manifestListRefused));
    checks.add(
        Check.of(
            "WR-10",
            "failed-copy-leaves-nothing",
            "a copy whose source lacks a layer blob fails, and leaves nothing at the target"
                + " and nothing beside it",
            WRITE,
            DigestMismatchChecks::failedCopy));
    checks.add(
        Check.of(
            "WR-10",
            "stopped-copy-leaves-nothing",
            "a copy stopped half-way through a 48 MiB layer (its thread interrupted; a command"
                + " adapter kills its process) leaves nothing at the target (files beside it,"
                + " which a killed process cannot delete, are allowed)",
            WRITE,
            DigestMismatchChecks::stoppedCopy));
    checks.add(
        Check.javaApi(
            "WR-10",
            "close-without-commit",
            "a writer closed after an image was written but not committed leaves no file at"
                + " the target and nothing beside it",
            JavaWrites::closeWithoutCommit));
    checks.add(
        Check.javaApi(
            "WR-10",
            "visible-only-after-close",
            "after a commit the archive is not yet at the target; it appears, complete, when"
                + " the writer is closed, with nothing else beside it",
            JavaWrites::visibleOnlyAfterClose));
    checks.add(
        Check.of(
            "WR-11",
            "existing-file-refused",
            "a copy to an existing non-empty file is refused and the file is left unchanged",
            WRITE,
            DigestMismatchChecks::existingFile));
    return List.copyOf(checks);
  }

  private static Check spoiled(String name, String what, int layer, Spoil spoil, String contract) {
    return Check.of(
        "WR-2",
        name,
        "a copy from an oci: source with " + what + contract,
        WRITE,
        c -> spoiledCopy(c, layer, spoil, what));
  }

  // ---------------------------------------------------------------------------------------------
  // Copies

  private static void spoiledCopy(CheckContext c, int layer, Spoil spoil, String what)
      throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("spoiled", 3, 1500), "s");
    Digest digest =
        layer < 0
            ? source.content().configDigest()
            : source.content().manifest().layers().get(layer).digest();
    spoil(c, source, digest, spoil);
    Path target = WriteChecks.target(c, "out");
    c.copyRefused(
        CopyRequest.of(source.reference(), archive(target, ":" + TAG)), "a source with " + what);
    WriteSupport.requireNothingLeft(target, "the refused copy");
  }

  /** Spoils a blob of a source in place and notes it for the reproduction. */
  static byte[] spoil(CheckContext c, Source source, Digest digest, Spoil spoil)
      throws IOException {
    Path file = WriteSupport.blob(source.directory(), digest);
    byte[] bytes = Files.readAllBytes(file);
    byte[] spoiled =
        switch (spoil) {
          case MISMATCH -> {
            byte[] b = bytes.clone();
            int at = b.length / 2;
            // a letter in a config stays a letter, so that the JSON stays valid
            b[at] = (byte) (Character.isLetter(b[at]) ? (b[at] == 'x' ? 'y' : 'x') : b[at] ^ 0x01);
            yield b;
          }
          case SHORT -> java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length - 100));
          case LONG -> {
            byte[] b = java.util.Arrays.copyOf(bytes, bytes.length + 100);
            java.util.Arrays.fill(b, bytes.length, b.length, (byte) 'Z');
            yield b;
          }
        };
    Files.write(file, spoiled, StandardOpenOption.TRUNCATE_EXISTING);
    c.note("spoiled (" + spoil.name().toLowerCase(java.util.Locale.ROOT) + ") the blob " + file);
    return spoiled;
  }

  private static void multi(CheckContext c, boolean badFirst) throws Exception {
    Path layout = c.path("sources");
    Source good = WriteSupport.oci(c, layout, WriteSupport.image("good", 2, 1200), TAG);
    Source bad = WriteSupport.oci(c, layout, WriteSupport.image("bad", 3, 1500), BAD_TAG);
    Digest badDigest = bad.content().manifest().layers().get(1).digest();
    byte[] badBytes = spoil(c, bad, badDigest, Spoil.MISMATCH);
    List<String> sources =
        badFirst
            ? List.of(bad.reference(), good.reference())
            : List.of(good.reference(), bad.reference());
    Path target = WriteChecks.target(c, "out");
    c.copyRefused(CopyRequest.multi(sources, archive(target, "")), "a source with a spoiled layer");
    if (!Files.exists(target)) {
      WriteSupport.requireNothingLeft(target, "the refused copy");
      return;
    }
    List<String> beside = WriteSupport.listing(target.getParent());
    require(
        beside.equals(List.of(WriteSupport.ARCHIVE)),
        "the refused copy left files beside the archive: " + beside);
    List<JsonNode> items = WriteChecks.manifestItems(target);
    require(
        items.size() == 1,
        "the archive left by the refused copy holds "
            + items.size()
            + " items, not only the good image");
    WriteSupport.requireSameImage(
        c,
        archive(target, ""),
        good.content(),
        List.of(TAG),
        "the archive left by the refused copy");
    requireNoTrace(
        TarScan.read(target, "the archive left"), badDigest, needle(badBytes), "the bad layer");
  }

  /** 512 bytes from the middle of a blob: unique to it, and found in any partial copy of it. */
  static byte[] needle(byte[] blob) {
    int from = Math.max(0, Math.min(blob.length / 2 - 256, blob.length - 512));
    return java.util.Arrays.copyOfRange(blob, from, Math.min(blob.length, from + 512));
  }

  /**
   * Requires that no entry is named after a digest, holds a needle (stored or decompressed), and
   * that manifest.json and repositories do not name the digest.
   */
  static void requireNoTrace(TarScan tar, Digest digest, byte[] needle, String what)
      throws CheckFailure, IOException {
    for (TarScan.Entry e : tar.entries()) {
      require(
          !e.name().contains(digest.hex()),
          "the entry " + e.name() + " is named after " + what + " " + digest);
      require(
          TarScan.indexOf(e.data(), needle) < 0
              && TarScan.indexOf(decompressed(e.data()), needle) < 0,
          "the entry " + e.name() + " holds bytes of " + what + " " + digest);
    }
    for (String name : List.of("manifest.json", "repositories", "index.json")) {
      Optional<TarScan.Entry> e = tar.entry(name);
      if (e.isPresent()) {
        require(!e.get().text().contains(digest.hex()), name + " names " + what + " " + digest);
      }
    }
  }

  private static byte[] decompressed(byte[] data) {
    try {
      var detected = io.github.dockerarchive.testkit.image.Compression.detect(data, data.length);
      if (detected == io.github.dockerarchive.testkit.image.Compression.NONE) {
        return new byte[0];
      }
      try (var in = detected.decompress(new java.io.ByteArrayInputStream(data))) {
        return in.readNBytes(64 << 20);
      }
    } catch (IOException e) {
      return new byte[0]; // not decompressible: only the stored bytes count
    }
  }

  private static void failedCopy(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("missing", 3, 1000), "s");
    Path blob =
        WriteSupport.blob(source.directory(), source.content().manifest().layers().get(2).digest());
    Files.delete(blob);
    c.note("deleted the last layer's blob " + blob);
    Path target = WriteChecks.target(c, "out");
    c.copyRefused(
        CopyRequest.of(source.reference(), archive(target, ":" + TAG)),
        "a source without its last layer");
    WriteSupport.requireNothingLeft(target, "the failed copy");
  }

  private static void existingFile(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("exists", 1, 900), "s");
    Path target = WriteChecks.target(c, "out");
    byte[] precious =
        "precious bytes that must survive\n".repeat(20).getBytes(StandardCharsets.UTF_8);
    Files.write(target, precious);
    c.note("wrote " + precious.length + " bytes to " + target);
    c.copyRefused(
        CopyRequest.of(source.reference(), archive(target, ":" + TAG)),
        "an existing non-empty target");
    require(Files.exists(target), "the existing file at the target was deleted");
    require(
        java.util.Arrays.equals(Files.readAllBytes(target), precious),
        "the existing file at the target was changed (" + Files.size(target) + " bytes now)");
  }

  private static void stoppedCopy(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(
            c,
            c.path("source"),
            WriteSupport.image("big", List.of(WriteSupport.layer("big", KILL_LAYER_BYTES))),
            "s");
    Path target = WriteChecks.target(c, "out");
    Path out = target.getParent();
    java.util.concurrent.atomic.AtomicReference<Object> outcome =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread copier =
        new Thread(
            () -> {
              try {
                Optional<ImplementationException> r =
                    c.copy(CopyRequest.of(source.reference(), archive(target, ":" + TAG)));
                outcome.set(r.isPresent() ? r.get() : "done");
              } catch (InterruptedException e) {
                outcome.set(e);
              } catch (RuntimeException e) {
                outcome.set(e);
              }
            },
            "conformance-stopped-copy");
    copier.setDaemon(true);
    copier.start();
    long seen = 0;
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (copier.isAlive() && System.nanoTime() < deadline) {
        seen = largestFile(out);
        if (seen >= 1 << 20) {
          break;
        }
        Thread.sleep(1);
      }
      if (!copier.isAlive()) {
        if (outcome.get() instanceof ImplementationException e) {
          throw new CheckFailure(
              "the copy failed before it could be stopped: "
                  + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        throw new CheckUnsupported(
            "the copy of a 48 MiB layer finished before the suite saw it half-written, so it could"
                + " not be stopped half-way");
      }
      require(seen >= 1 << 20, "the copy wrote nothing into " + out + " within 2 minutes");
      c.note("stopped the copy (interrupt) when a file in " + out + " held " + seen + " bytes");
      copier.interrupt();
      copier.join(TimeUnit.SECONDS.toMillis(60));
      if (copier.isAlive()) {
        throw new IllegalStateException(
            "the implementation did not stop within 60 s of its thread being interrupted");
      }
    } finally {
      copier.interrupt();
    }
    if ("done".equals(outcome.get())) {
      throw new CheckUnsupported(
          "the copy did not stop when interrupted and finished; the adapter cannot be stopped"
              + " half-way");
    }
    if (Files.exists(target)) {
      throw new CheckFailure(
          "the stopped copy left "
              + Files.size(target)
              + " bytes at the target "
              + target.getFileName());
    }
  }

  private static long largestFile(Path directory) throws IOException {
    long largest = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        try {
          largest = Math.max(largest, Files.size(p));
        } catch (IOException e) {
          // renamed or deleted meanwhile
        }
      }
    }
    return largest;
  }
}
