/**
 * Reading docker-archive files with the semantics of containers/image's {@code
 * docker/internal/tarfile}: {@link io.github.dockerarchive.testkit.archive.ArchiveReader} indexes a
 * (possibly compressed) archive once and serves its entries, {@code manifest.json}'s items ({@link
 * io.github.dockerarchive.testkit.archive.ManifestItem}), the item a reference selects, and each
 * image as an {@link io.github.dockerarchive.testkit.archive.ImageSource}; {@link
 * io.github.dockerarchive.testkit.archive.ArchiveVerifier} checks every digest.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.archive;

import org.apiguardian.api.API;
