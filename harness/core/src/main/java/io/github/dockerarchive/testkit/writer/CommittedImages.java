package io.github.dockerarchive.testkit.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ManifestJson;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.reference.DockerReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The images committed to an archive and the documents that list them (WR-8): {@code manifest.json}
 * items deduplicated by config digest with tags merged in order of first appearance, {@code
 * repositories}, and for the hybrid layout the OCI {@code index.json}. A tag names one image
 * (WR-13).
 */
final class CommittedImages {
  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  private final Map<Digest, Item> items = new LinkedHashMap<>();
  private final TreeMap<String, TreeMap<String, String>> repositories = new TreeMap<>();
  private final Map<DockerReference, Digest> owners = new HashMap<>();

  /** One {@code manifest.json} item. */
  private static final class Item {
    final PreparedImage image;
    final List<DockerReference> tags = new ArrayList<>();

    Item(PreparedImage image) {
      this.image = image;
    }
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /**
   * Checks that {@code image} can join the item of its config, if there is one.
   *
   * @throws ArchiveException (WR-8) when the same config was committed with other layers
   */
  void checkCompatible(PreparedImage image) throws ArchiveException {
    Item existing = items.get(image.configDigest());
    if (existing != null && !existing.image.layerPaths().equals(image.layerPaths())) {
      throw new ArchiveException(
          "WR-8",
          "Image with config "
              + image.configDigest()
              + " was already written with layers "
              + existing.image.layerPaths()
              + ", not "
              + image.layerPaths());
    }
  }

  /**
   * Checks that no tag of {@code tags} names another image already (WR-13).
   *
   * @throws DuplicateTagException naming the tag and both config digests
   */
  void checkTags(Digest configDigest, List<DockerReference> tags) throws DuplicateTagException {
    for (DockerReference tag : tags) {
      Digest owner = owners.get(tag);
      if (owner != null && !owner.equals(configDigest)) {
        throw new DuplicateTagException(tag.canonical(), owner, configDigest);
      }
    }
  }

  /**
   * Adds an image with its tags; call {@link #checkCompatible} and {@link #checkTags} first.
   *
   * @return the index of its {@code manifest.json} item (an earlier one for the same config)
   */
  int add(PreparedImage image, List<DockerReference> tags) {
    int index = indexOf(image.configDigest());
    Item item = items.computeIfAbsent(image.configDigest(), d -> new Item(image));
    for (DockerReference tag : tags) {
      if (!item.tags.contains(tag)) {
        item.tags.add(tag);
      }
      owners.put(tag, image.configDigest());
      if (image.topLegacyId() != null) {
        repositories
            .computeIfAbsent(tag.name(), n -> new TreeMap<>())
            .put(tag.tag(), image.topLegacyId());
      }
    }
    return index < 0 ? items.size() - 1 : index;
  }

  /** The position of the item of {@code configDigest} in {@code manifest.json}, or -1. */
  private int indexOf(Digest configDigest) {
    int i = 0;
    for (Digest d : items.keySet()) {
      if (d.equals(configDigest)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /**
   * {@code manifest.json}: compact, no trailing newline; {@code null} when nothing was committed,
   * as the reference writes it.
   */
  byte[] manifestJson() {
    List<ManifestJson.Item> list = new ArrayList<>(items.size());
    for (Item item : items.values()) {
      list.add(
          new ManifestJson.Item(
              item.image.configPath(),
              item.tags.stream().map(DockerReference::canonical).toList(),
              item.image.layerPaths(),
              null));
    }
    return ManifestJson.GO_MARSHAL.encode(list);
  }

  /** Whether {@code repositories} has an entry (a tagged image with layers was committed). */
  boolean hasRepositories() {
    return !repositories.isEmpty();
  }

  /** {@code repositories}: name → tag → top legacy ID, keys sorted, compact. */
  byte[] repositoriesJson() {
    return json(
        gen -> {
          gen.writeStartObject();
          for (Map.Entry<String, TreeMap<String, String>> repo : repositories.entrySet()) {
            gen.writeObjectFieldStart(repo.getKey());
            for (Map.Entry<String, String> tag : repo.getValue().entrySet()) {
              gen.writeStringField(tag.getKey(), tag.getValue());
            }
            gen.writeEndObject();
          }
          gen.writeEndObject();
        });
  }

  /**
   * The hybrid layout's {@code index.json}: one descriptor of the image's OCI manifest per tag,
   * annotated as Docker does, and one without annotations for each untagged image.
   */
  byte[] ociIndexJson() {
    return json(
        gen -> {
          gen.writeStartObject();
          gen.writeNumberField("schemaVersion", 2);
          gen.writeStringField("mediaType", MediaTypes.OCI_INDEX);
          gen.writeArrayFieldStart("manifests");
          for (Item item : items.values()) {
            BlobRecord manifest = item.image.ociManifest();
            if (item.tags.isEmpty()) {
              OciDocuments.descriptor(gen, MediaTypes.OCI_MANIFEST, manifest, null);
            }
            for (DockerReference tag : item.tags) {
              OciDocuments.descriptor(gen, MediaTypes.OCI_MANIFEST, manifest, tag);
            }
          }
          gen.writeEndArray();
          gen.writeEndObject();
        });
  }

  /** Writes JSON with a generator into memory. */
  interface JsonBody {
    void write(JsonGenerator gen) throws IOException;
  }

  static byte[] json(JsonBody body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = JSON_FACTORY.createGenerator(out)) {
      body.write(gen);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return out.toByteArray();
  }
}
