/**
 * Writing docker-archives (rules WR-1..WR-12): {@link
 * io.github.dockerarchive.testkit.writer.ArchiveWriter} makes one archive of one or more images,
 * each written through an {@link io.github.dockerarchive.testkit.writer.ImageDestination}, with the
 * reference's layout byte for byte ({@link
 * io.github.dockerarchive.testkit.writer.Layout#DOCKER_ARCHIVE}) or Docker 25+'s hybrid layout
 * ({@link io.github.dockerarchive.testkit.writer.Layout#DOCKER_HYBRID}). Core code: no
 * test-framework imports.
 */
package io.github.dockerarchive.testkit.writer;
