/**
 * The JUnit Jupiter face of the testkit: synthetic docker-save archives for tests, made and cleaned
 * up by {@link io.github.dockerarchive.testkit.junit.DockerArchiveExtension}.
 *
 * <ul>
 *   <li>{@link io.github.dockerarchive.testkit.junit.SyntheticArchive} on a field or parameter asks
 *       for an archive described by the annotation; {@link
 *       io.github.dockerarchive.testkit.junit.DockerArchiveTest} registers the extension.
 *   <li>{@link io.github.dockerarchive.testkit.junit.Archives}, taken as a parameter, creates
 *       archives from {@link io.github.dockerarchive.testkit.synthetic.ArchiveSpec}s inside a test
 *       or lifecycle method, from any thread.
 *   <li>{@link io.github.dockerarchive.testkit.junit.ArchiveDialects} runs a parameterized test
 *       once per dialect and compression.
 *   <li>{@link io.github.dockerarchive.testkit.junit.ArchiveQuirks} runs a test once per quirk of
 *       the catalogue, with the archive the quirk shapes.
 * </ul>
 *
 * <p>Every archive is owned by the extension context it was made for and deleted when that context
 * ends, following its cleanup mode. All run state lives in the contexts' stores.
 */
package io.github.dockerarchive.testkit.junit;
