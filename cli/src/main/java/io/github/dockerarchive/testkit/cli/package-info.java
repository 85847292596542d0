/**
 * The {@code dockerarchive} command-line tool ({@link
 * io.github.dockerarchive.testkit.cli.DockerArchiveCli}): {@code inspect}, {@code verify}, {@code
 * copy}, {@code generate}, {@code selftest} and {@code conformance}; further commands plug in
 * through {@link io.github.dockerarchive.testkit.cli.CliExtension}. Exit codes: 0 everything
 * worked, 1 a check did not hold ({@code verify} found a problem, {@code conformance} a gated
 * failure), 2 the input cannot be read, a copy or write failed, or the command line is wrong.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.cli;

import org.apiguardian.api.API;
