package io.github.dockerarchive.testkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.Corruption;
import io.github.dockerarchive.testkit.synthetic.ImageTruth;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.SpecJson;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The truth of a generated archive as JSON: what a correct reader must find, and, for a corrupted
 * archive, what it must report instead.
 *
 * <pre>{@code
 * { "file" : "a.tar", "dialect" : "containers-image", "compression" : "none",
 *   "corruption" : "missing-layer", "rule" : "ARC-2",
 *   "expectedFailure" : { "exception" : "EntryNotFoundException", "stage" : "load" },
 *   "quirks" : [ { "id" : "outer-gzip", "validity" : "valid", "rule" : "ARC-1", ... } ],
 *   "images" : [ { "index" : 0, "repoTags" : [ "localhost/generated:latest" ],
 *                  "configDigest" : "sha256:...", "diffIds" : [ ... ], "storedDigests" : [ ... ],
 *                  "sizes" : [ ... ], "storedSizes" : [ ... ], "layerPaths" : [ ... ] } ] }
 * }</pre>
 *
 * <p>{@code expectedFailure} is null for a valid archive; its {@code exception} is null when
 * reading succeeds and only verification reports the defect (stages {@code verify}, {@code
 * warning}).
 */
final class TruthJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TruthJson() {}

  static ObjectNode of(ArchiveFixture fixture, String file) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("file", file);
    root.put("dialect", fixture.spec().dialect().id());
    root.put("compression", fixture.spec().compression().name().toLowerCase(Locale.ROOT));
    Corruption c = fixture.corruption();
    root.put("corruption", c.id());
    root.put("rule", c.rule());
    root.set("expectedFailure", expectedFailure(c));
    ArrayNode quirks = root.putArray("quirks");
    for (Quirk q : fixture.spec().quirks()) {
      quirks.add(quirk(q));
    }
    ArrayNode images = root.putArray("images");
    for (ImageTruth t : fixture.images()) {
      ObjectNode i = images.addObject();
      i.put("index", t.index());
      t.repoTags().forEach(i.putArray("repoTags")::add);
      i.put("configDigest", t.configDigest().toString());
      ArrayNode diffIds = i.putArray("diffIds");
      t.diffIds().stream().map(Digest::toString).forEach(diffIds::add);
      ArrayNode stored = i.putArray("storedDigests");
      t.storedDigests().stream().map(Digest::toString).forEach(stored::add);
      t.sizes().forEach(i.putArray("sizes")::add);
      t.storedSizes().forEach(i.putArray("storedSizes")::add);
      t.layerPaths().forEach(i.putArray("layerPaths")::add);
    }
    return root;
  }

  /** What a correct reader reports for a corruption, or a JSON null for none. */
  static ObjectNode expectedFailure(Corruption c) {
    if (c == Corruption.NONE) {
      return null;
    }
    ObjectNode failure = MAPPER.createObjectNode();
    failure.put("exception", c.failure() == null ? null : c.failure().getSimpleName());
    failure.put("stage", c.stage().name().toLowerCase(Locale.ROOT));
    failure.put("description", c.description());
    return failure;
  }

  /**
   * A quirk as the catalogue describes it: id, family, validity, the rule it falls under, the
   * description, who writes it, what broke on it and the public reports.
   */
  static ObjectNode quirk(Quirk q) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", q.id());
    node.put("family", q.family().id());
    node.put("validity", q.validity().name().toLowerCase(Locale.ROOT));
    node.put("rule", q.rule());
    node.put("description", q.description());
    node.put("writtenBy", q.writtenBy());
    node.put("broke", q.broke());
    ArrayNode reports = node.putArray("reports");
    q.reports().forEach(r -> reports.add(r.toString()));
    return node;
  }

  /** The spec as a JSON tree (the same text {@link SpecJson} writes). */
  static ObjectNode specTree(ArchiveFixture fixture) throws IOException {
    return (ObjectNode) MAPPER.readTree(SpecJson.toJson(fixture.spec()));
  }

  static void write(ObjectNode json, Path target) throws IOException {
    try {
      Files.writeString(target, MAPPER.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw SyntheticArchives.namingPath(e, "writing", target.toAbsolutePath());
    }
  }
}
