/**
 * Implementation pieces shared by the core packages and by nothing else: Go-style JSON decoding
 * helpers, the tar header encoder, the single-byte read of the core's input streams, temporary
 * files beside their target and the release of several resources where each is tried. Public only
 * because Java packages cannot share otherwise; the architecture tests keep every other package of
 * the harness off it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
package io.github.dockerarchive.testkit.internal;

import org.apiguardian.api.API;
