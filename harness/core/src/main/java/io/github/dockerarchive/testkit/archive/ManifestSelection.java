package io.github.dockerarchive.testkit.archive;

import org.apiguardian.api.API;

/**
 * The item chosen by {@link ArchiveReader#chooseManifestItem}.
 *
 * @param item the chosen item
 * @param itemIndex its position in {@code manifest.json}
 * @param tagIndex the index in {@link ManifestItem#repoTags()} of the tag that matched, or -1 when
 *     no tag was used
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ManifestSelection(ManifestItem item, int itemIndex, int tagIndex) {}
