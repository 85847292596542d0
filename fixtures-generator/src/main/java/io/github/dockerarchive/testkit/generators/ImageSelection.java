package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.reference.ArchiveReference;
import org.apiguardian.api.API;

/**
 * A {@code docker-archive:} reference into a generated archive and the {@code manifest.json} item a
 * correct reader selects with it (rules SEL-*).
 *
 * @param reference the reference: by tag, by {@code @index}, or the bare path
 * @param index the zero-based item it selects
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImageSelection(ArchiveReference reference, int index) {}
