/**
 * Tar header blocks byte for byte: {@link io.github.dockerarchive.testkit.tar.TarHeader} encodes
 * one header in the style of Go's {@code archive/tar} or of Apache commons-compress, and lets a
 * caller override any field's raw bytes or break the checksum, for writing both faithful archives
 * and malformed ones. {@link io.github.dockerarchive.testkit.tar.TarField} names the fields.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.tar;

import org.apiguardian.api.API;
