/**
 * Synthetic docker-archive files from a spec: an {@link
 * io.github.dockerarchive.testkit.synthetic.ArchiveSpec} describes the images (tags, layers, files,
 * config), the producer's dialect ({@link io.github.dockerarchive.testkit.synthetic.Dialect}),
 * compression and an optional named defect ({@link
 * io.github.dockerarchive.testkit.synthetic.Corruption}); {@link
 * io.github.dockerarchive.testkit.synthetic.SyntheticArchives} writes it and returns the archive
 * with its truth ({@link io.github.dockerarchive.testkit.synthetic.ArchiveFixture}: every digest,
 * size and tag a correct reader must find). Equal specs give byte-identical archives.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;
