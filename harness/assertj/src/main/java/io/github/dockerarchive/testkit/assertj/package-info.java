/**
 * AssertJ assertions for docker-save archives and the images in them.
 *
 * <p>Start from {@link io.github.dockerarchive.testkit.assertj.DockerArchiveAssertions} (or {@link
 * io.github.dockerarchive.testkit.assertj.DockerArchiveSoftAssertions}). The logic lives in {@link
 * io.github.dockerarchive.testkit.assertj.AbstractArchiveAssert} and {@link
 * io.github.dockerarchive.testkit.assertj.AbstractImageAssert}, typed by the assert itself so that
 * subclasses adding assertions keep their type through chains; the concrete asserts ({@link
 * io.github.dockerarchive.testkit.assertj.PathArchiveAssert}, {@link
 * io.github.dockerarchive.testkit.assertj.ArchiveFixtureAssert}, {@link
 * io.github.dockerarchive.testkit.assertj.ArchiveReaderAssert}, {@link
 * io.github.dockerarchive.testkit.assertj.ImageAssert}) only say how to open their actual.
 *
 * <p>Every assertion opens the archive it reads and closes it before it returns, so a compressed
 * archive's decompressed copy never outlives the assertion that made it; a reader or image source
 * the caller opened is never closed. Each kind of failure has its message factory ({@code
 * Should*}), with messages of the form "Expecting ... to ... but ...", naming the expected and the
 * actual value.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.assertj;

import org.apiguardian.api.API;
