/**
 * Content digests: {@link io.github.dockerarchive.testkit.digest.Digest} (the parsed {@code
 * sha256:<hex>} value), streams and copies that hash what passes through them and fail with {@link
 * io.github.dockerarchive.testkit.digest.DigestMismatchException} when the bytes are not what their
 * digest promises.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.digest;

import org.apiguardian.api.API;
