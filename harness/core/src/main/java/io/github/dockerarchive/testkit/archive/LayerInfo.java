package io.github.dockerarchive.testkit.archive;

import io.github.dockerarchive.testkit.digest.Digest;
import io.github.dockerarchive.testkit.image.Compression;
import org.apiguardian.api.API;

/**
 * One layer of an image as read from an archive.
 *
 * @param diffId the layer's diffID (sha256 of its uncompressed bytes, from the config)
 * @param path the layer's path as written in {@code manifest.json}
 * @param entryName the cleaned name of the regular file that holds the bytes, after links
 * @param size the uncompressed size: what {@link ImageSource#getBlob(Digest)} returns (SRC-5)
 * @param compression how the stored bytes are compressed (ARC-5)
 * @param storedSize the size of the stored (possibly compressed) bytes
 * @param mediaType the media type of the bytes returned (SRC-4)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LayerInfo(
    Digest diffId,
    String path,
    String entryName,
    long size,
    Compression compression,
    long storedSize,
    String mediaType) {}
