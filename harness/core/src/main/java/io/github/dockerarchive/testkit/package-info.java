/**
 * The checked exceptions of the core, all under {@link
 * io.github.dockerarchive.testkit.ArchiveException}: each subtype says what went wrong ({@link
 * io.github.dockerarchive.testkit.MalformedArchiveException}, {@link
 * io.github.dockerarchive.testkit.ImageNotFoundException}, {@link
 * io.github.dockerarchive.testkit.UnsafeEntryException}, ...) and its message names the entry or
 * field, the expected and the actual value, and the rule of docs/rules.md it enforces.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit;

import org.apiguardian.api.API;
