/**
 * The image model shared by every transport: blobs ({@link
 * io.github.dockerarchive.testkit.image.BlobInfo}, {@link
 * io.github.dockerarchive.testkit.image.BlobStream}), media types and compression, the schema 2
 * manifest and the config, and the copier that moves an image from any {@link
 * io.github.dockerarchive.testkit.image.ImageInput} into any {@link
 * io.github.dockerarchive.testkit.image.ImageOutput}, verifying every digest on the way.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.image;

import org.apiguardian.api.API;
