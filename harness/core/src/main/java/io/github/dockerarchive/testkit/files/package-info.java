/**
 * Files the library writes for a while: {@link io.github.dockerarchive.testkit.files.Spool} holds a
 * blob in memory up to a threshold and in a temporary file beyond it, and {@link
 * io.github.dockerarchive.testkit.files.FileTrees} deletes a tree without following its links.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.files;

import org.apiguardian.api.API;
