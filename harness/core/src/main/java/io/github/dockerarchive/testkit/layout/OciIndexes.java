package io.github.dockerarchive.testkit.layout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.ImageNotFoundException;
import io.github.dockerarchive.testkit.InvalidManifestException;
import io.github.dockerarchive.testkit.InvalidReferenceException;
import io.github.dockerarchive.testkit.LimitExceededException;
import io.github.dockerarchive.testkit.ManifestTypeRejectedException;
import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.digest.DigestMismatchException;
import io.github.dockerarchive.testkit.image.MediaTypes;
import io.github.dockerarchive.testkit.internal.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an OCI layout's {@code index.json} and the image indexes it leads to, for {@code oci:} and
 * {@code oci-archive:} alike: the top-level descriptor by its {@code
 * org.opencontainers.image.ref.name} (OAR-2), then, through nested image indexes (OAR-4), the
 * manifest of one platform (OAR-3).
 */
final class OciIndexes {
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** The largest index or manifest read (RD-3). */
  static final long DOCUMENT_LIMIT = 4L << 20;

  private static final JsonFactory JSON = new JsonFactory();

  private OciIndexes() {}

  /**
   * The manifest an image reference leads to.
   *
   * @param digest the manifest's digest
   * @param mediaType its media type, from its descriptor or its own {@code mediaType}
   * @param manifest its bytes, verified against the digest
   * @param indexes the digests of the image indexes followed to reach it, outermost first
   */
  record Chosen(Digest digest, String mediaType, byte[] manifest, List<Digest> indexes) {
    Chosen {
      indexes = List.copyOf(indexes);
    }

    /** A copy of the manifest bytes, for {@code ImageInput.manifestBytes()}. */
    byte[] manifestCopy() {
      return manifest.clone();
    }
  }

  /** A descriptor's fields this reader uses. */
  private record Ref(String mediaType, Digest digest, long size) {}

  /** Parses {@code index.json} or an image index blob; {@code what} names it in errors. */
  static JsonNode parse(byte[] bytes, String what, String rule) throws InvalidManifestException {
    JsonNode node;
    try {
      node = JsonTrees.read(JSON, bytes, false);
    } catch (IOException e) {
      throw new InvalidManifestException(rule, "parsing " + what + ": " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidManifestException(rule, what + " is not a JSON object");
    }
    JsonNode manifests = node.get("manifests");
    if (manifests != null && !manifests.isNull() && !manifests.isArray()) {
      throw new InvalidManifestException(
          rule, what + ": \"manifests\" must be an array, got " + manifests.getNodeType());
    }
    return node;
  }

  /**
   * Follows {@code index.json} to one image manifest.
   *
   * @param index the parsed {@code index.json}
   * @param name the ref.name to select, or null for the only descriptor
   * @param platform the platform an image index is resolved to
   * @param blobs where the blobs are
   * @param where the reference, for messages ({@code oci-archive:/tmp/a.tar:v1})
   */
  static Chosen choose(
      JsonNode index, String name, Platform platform, BlobReader blobs, String where)
      throws ArchiveException {
    List<JsonNode> manifests = manifestsOf(index);
    JsonNode top;
    if (name == null) {
      if (manifests.isEmpty()) {
        throw new ImageNotFoundException(
            "OAR-2", "no image in " + where + " (index.json lists no manifest)");
      }
      if (manifests.size() > 1) {
        throw new ImageNotFoundException(
            "OAR-2",
            "more than one image in "
                + where
                + " (index.json lists "
                + manifests.size()
                + " descriptors, ref.names "
                + refNames(manifests)
                + "): choose one with "
                + where
                + ":NAME");
      }
      top = manifests.get(0);
    } else {
      List<JsonNode> matches = new ArrayList<>();
      Set<String> digests = new LinkedHashSet<>();
      for (JsonNode d : manifests) {
        if (name.equals(refName(d))) {
          matches.add(d);
          digests.add(d.path("digest").asText());
        }
      }
      if (matches.isEmpty()) {
        throw new ImageNotFoundException(
            "OAR-2",
            "no descriptor found for reference \""
                + name
                + "\" in "
                + where
                + " (index.json has ref.names "
                + refNames(manifests)
                + ")");
      }
      if (digests.size() > 1) {
        throw new ImageNotFoundException(
            "OAR-2",
            "reference \""
                + name
                + "\" matches "
                + matches.size()
                + " descriptors of different manifests in index.json of "
                + where
                + ": "
                + String.join(", ", digests)
                + " (expected one; skopeo takes the first)");
      }
      top = matches.get(0);
    }
    Ref ref = ref(top, "index.json of " + where);
    List<Digest> followed = new ArrayList<>();
    List<byte[]> unverified = new ArrayList<>();
    while (isIndexType(ref.mediaType())) {
      followed.add(ref.digest());
      if (followed.size() > OciArchiveInput.MAX_NESTED_INDEXES) {
        throw new LimitExceededException(
            "OAR-4",
            "image indexes in "
                + where
                + " nest deeper than "
                + OciArchiveInput.MAX_NESTED_INDEXES
                + ": "
                + chain(followed));
      }
      // The indexes are verified once the path through them is known to end: a loop is the
      // structural fault (a reader that does not check digests follows it for ever), and only
      // blobs that do not hash to their names can form one.
      byte[] bytes = readDescribed(blobs, ref, where, false);
      unverified.add(bytes);
      JsonNode nested = parse(bytes, "image index " + ref.digest() + " in " + where, "OAR-3");
      Ref next = forPlatform(nested, platform, ref.digest(), where);
      if (followed.contains(next.digest())) {
        List<Digest> loop = new ArrayList<>(followed);
        loop.add(next.digest());
        throw new InvalidManifestException(
            "OAR-4", "image indexes in " + where + " form a loop: " + chain(loop));
      }
      ref = next;
    }
    for (int i = 0; i < followed.size(); i++) {
      Digest expected = followed.get(i);
      Digest actual =
          expected.withHash(
              Digest.newMessageDigest(expected.algorithm()).digest(unverified.get(i)));
      if (!actual.equals(expected)) {
        throw new DigestMismatchException("OAR-5", "image index in " + where, expected, actual);
      }
    }
    byte[] bytes = readDescribed(blobs, ref, where, true);
    String type = ref.mediaType();
    if (type == null) {
      JsonNode parsed = parse(bytes, "blob " + ref.digest() + " in " + where, "OAR-3");
      type =
          parsed.has("manifests")
              ? "(none, on an image index)"
              : parsed.path("mediaType").asText(MediaTypes.OCI_MANIFEST);
    }
    if (!MediaTypes.OCI_MANIFEST.equals(type) && !MediaTypes.DOCKER_MANIFEST_V2.equals(type)) {
      throw new ManifestTypeRejectedException(
          "OAR-3",
          "descriptor "
              + ref.digest()
              + " in "
              + where
              + " has media type "
              + type
              + "; expected an image manifest or an image index (an index needs its media type)",
          type);
    }
    return new Chosen(ref.digest(), type, bytes, followed);
  }

  /** The descriptor of an image index that the platform selects (OAR-3). */
  private static Ref forPlatform(JsonNode index, Platform platform, Digest digest, String where)
      throws ArchiveException {
    String what = "image index " + digest + " in " + where;
    JsonNode withoutPlatform = null;
    List<String> listed = new ArrayList<>();
    for (JsonNode d : manifestsOf(index)) {
      JsonNode p = d.get("platform");
      if (p == null || !p.isObject()) {
        if (withoutPlatform == null) {
          withoutPlatform = d;
        }
        continue;
      }
      String os = p.path("os").asText("");
      String architecture = p.path("architecture").asText("");
      String variant = p.hasNonNull("variant") ? p.get("variant").asText() : null;
      if (platform.matches(os, architecture, variant)) {
        return ref(d, what);
      }
      listed.add(os + "/" + architecture + (variant == null ? "" : "/" + variant));
    }
    if (withoutPlatform != null) {
      return ref(withoutPlatform, what);
    }
    throw new ImageNotFoundException(
        "OAR-3",
        "no image for platform "
            + platform
            + " in "
            + what
            + " (it lists "
            + (listed.isEmpty() ? "no platform" : String.join(", ", listed))
            + "); choose one with --platform");
  }

  private static boolean isIndexType(String mediaType) {
    return MediaTypes.isList(mediaType);
  }

  /** Reads a blob a descriptor names, checking the descriptor's size (OAR-5). */
  private static byte[] readDescribed(BlobReader blobs, Ref ref, String where, boolean verify)
      throws ArchiveException {
    byte[] bytes = blobs.readSmall(ref.digest(), DOCUMENT_LIMIT, where, verify);
    if (bytes.length != ref.size()) {
      throw new DigestMismatchException(
          "OAR-5",
          "blob "
              + ref.digest()
              + " in "
              + where
              + ": its descriptor gives size "
              + ref.size()
              + ", the blob holds "
              + bytes.length
              + " bytes",
          ref.digest());
    }
    return bytes;
  }

  private static List<JsonNode> manifestsOf(JsonNode index) {
    List<JsonNode> list = new ArrayList<>();
    JsonNode manifests = index.get("manifests");
    if (manifests != null && manifests.isArray()) {
      manifests.forEach(list::add);
    }
    return list;
  }

  private static String refName(JsonNode descriptor) {
    JsonNode annotations = descriptor.get("annotations");
    return annotations != null && annotations.hasNonNull(REF_NAME)
        ? annotations.get(REF_NAME).asText()
        : null;
  }

  private static String refNames(List<JsonNode> manifests) {
    return manifests.stream()
        .map(OciIndexes::refName)
        .map(n -> n == null ? "(none)" : "\"" + n + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String chain(List<Digest> digests) {
    return digests.stream().map(Digest::toString).collect(Collectors.joining(" -> "));
  }

  private static Ref ref(JsonNode d, String what) throws InvalidManifestException {
    String type = d.hasNonNull("mediaType") ? d.get("mediaType").asText() : null;
    String digest = d.path("digest").asText(null);
    Digest parsed;
    try {
      parsed = Digest.parse(digest);
    } catch (InvalidReferenceException | RuntimeException e) {
      throw new InvalidManifestException(
          "OAR-5", what + ": descriptor digest \"" + digest + "\" is not a valid digest", e);
    }
    JsonNode size = d.get("size");
    if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
      throw new InvalidManifestException(
          "OAR-5",
          what + ": descriptor " + digest + " needs a non-negative integer size, got " + size);
    }
    return new Ref(type, parsed, size.asLong());
  }
}
