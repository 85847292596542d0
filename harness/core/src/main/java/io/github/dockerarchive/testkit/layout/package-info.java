/**
 * The directory transports {@code oci:} (an OCI image layout) and {@code dir:} (containers/image's
 * directory of blobs), and {@code oci-archive:} (an OCI image layout in one tar file), as image
 * inputs and outputs, and {@link io.github.dockerarchive.testkit.layout.TransportCopy}, which
 * copies between any two transports named in skopeo's syntax ({@code docker-archive:PATH[:REF]},
 * {@code oci:DIR[:NAME]}, {@code oci-archive:PATH[:NAME]}, {@code dir:DIR}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.layout;

import org.apiguardian.api.API;
