package io.github.dockerarchive.testkit.conformance.checks;

import static io.github.dockerarchive.testkit.conformance.CheckContext.archive;
import static io.github.dockerarchive.testkit.conformance.CheckContext.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.conformance.CheckContext;
import io.github.dockerarchive.testkit.conformance.CheckFailure;
import io.github.dockerarchive.testkit.conformance.CheckUnsupported;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import io.github.dockerarchive.testkit.conformance.checks.WriteSupport.Source;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.handmade.TarPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Copies that must fail or stop, and what they leave behind: sources with a spoiled blob (one byte
 * changed, cut short, bytes appended), a missing blob, an existing file at the target, a copy
 * stopped half-way; and the search of an archive for any trace of a failed blob. The WR checks of
 * digest-mismatch deletion and atomic writes run on these.
 */
final class FailedCopies {
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

  private FailedCopies() {}

  // ---------------------------------------------------------------------------------------------
  // Copies

  static void spoiledCopy(CheckContext c, int layer, Spoil spoil, String what) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("spoiled", 3, 1500), "s");
    Digest digest =
        layer < 0
            ? source.content().configDigest()
            : source.content().manifest().layers().get(layer).digest();
    spoil(c, source, digest, spoil);
    Path target = WriteSupport.target(c, "out");
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

  static void multi(CheckContext c, boolean badFirst) throws Exception {
    Path layout = c.path("sources");
    Source good = WriteSupport.oci(c, layout, WriteSupport.image("good", 2, 1200), TAG);
    Source bad = WriteSupport.oci(c, layout, WriteSupport.image("bad", 3, 1500), BAD_TAG);
    Digest badDigest = bad.content().manifest().layers().get(1).digest();
    byte[] badBytes = spoil(c, bad, badDigest, Spoil.MISMATCH);
    List<String> sources =
        badFirst
            ? List.of(bad.reference(), good.reference())
            : List.of(good.reference(), bad.reference());
    Path target = WriteSupport.target(c, "out");
    c.copyRefused(CopyRequest.multi(sources, archive(target, "")), "a source with a spoiled layer");
    if (!Files.exists(target)) {
      WriteSupport.requireNothingLeft(target, "the refused copy");
      return;
    }
    List<String> beside = WriteSupport.listing(target.getParent());
    require(
        beside.equals(List.of(WriteSupport.ARCHIVE)),
        "the refused copy left files beside the archive: " + beside);
    List<JsonNode> items = WriteSupport.manifestItems(target);
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
          TarPatch.indexOf(e.data(), needle) < 0
              && TarPatch.indexOf(decompressed(e.data()), needle) < 0,
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

  static void failedCopy(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("missing", 3, 1000), "s");
    Path blob =
        WriteSupport.blob(source.directory(), source.content().manifest().layers().get(2).digest());
    Files.delete(blob);
    c.note("deleted the last layer's blob " + blob);
    Path target = WriteSupport.target(c, "out");
    c.copyRefused(
        CopyRequest.of(source.reference(), archive(target, ":" + TAG)),
        "a source without its last layer");
    WriteSupport.requireNothingLeft(target, "the failed copy");
  }

  static void existingFile(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(c, c.path("source"), WriteSupport.image("exists", 1, 900), "s");
    Path target = WriteSupport.target(c, "out");
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

  static void stoppedCopy(CheckContext c) throws Exception {
    Source source =
        WriteSupport.oci(
            c,
            c.path("source"),
            WriteSupport.image("big", List.of(WriteSupport.layer("big", KILL_LAYER_BYTES))),
            "s");
    Path target = WriteSupport.target(c, "out");
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
