/**
 * The implementations shipped with the suite: the built-in one ({@link
 * io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation}), Jib's writer, and
 * command-line adapters ({@link
 * io.github.dockerarchive.testkit.conformance.adapters.CommandImplementation}) for skopeo, podman
 * and the {@code dockerarchive} tool, Docker Engine and containerd (each against a {@link
 * io.github.dockerarchive.testkit.conformance.adapters.PrivateDaemon} of its own), each registered
 * through a provider; {@link io.github.dockerarchive.testkit.conformance.adapters.Implementations}
 * finds an implementation by the name given to {@code --impl}.
 */
package io.github.dockerarchive.testkit.conformance.adapters;
