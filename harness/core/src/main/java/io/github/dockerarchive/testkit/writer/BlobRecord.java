package io.github.dockerarchive.testkit.writer;

import io.github.dockerarchive.testkit.digest.Digest;

/**
 * A blob written to the archive.
 *
 * @param digest its sha256 digest
 * @param size its size in bytes
 * @param path its tar entry name
 */
record BlobRecord(Digest digest, long size, String path) {}
