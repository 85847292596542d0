/**
 * JSON as Go's {@code encoding/json} writes it: {@link io.github.dockerarchive.testkit.json.GoJson}
 * writes compact documents with Go's string escaping, re-emits raw values as Go's {@code compact}
 * does and splits an object into its raw members, so generated documents and the digests and IDs
 * computed over them match Go producers byte for byte.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.json;

import org.apiguardian.api.API;
