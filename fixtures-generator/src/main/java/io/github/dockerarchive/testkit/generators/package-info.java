/**
 * jqwik arbitraries of archive specs: {@link
 * io.github.dockerarchive.testkit.generators.ArchiveArbitraries} draws valid and corrupted specs in
 * every dialect, and parameters annotated {@code @ForAll} of type {@code ArchiveSpec} or {@code
 * ArchiveFixture} get them through a registered provider. Generators build specs, not bytes, so
 * shrinking finds the smallest failing archive; fixtures are written per try and deleted after it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.generators;

import org.apiguardian.api.API;
