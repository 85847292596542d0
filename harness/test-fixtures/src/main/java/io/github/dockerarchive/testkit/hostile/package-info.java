/**
 * The hostile-input corpus: malformed and malicious archives, each a {@link
 * io.github.dockerarchive.testkit.hostile.HostileCase} with what a safe reader must do with it
 * ({@link io.github.dockerarchive.testkit.hostile.Expectation}) and the rule of docs/rules.md it
 * exercises, grouped by case family ({@link io.github.dockerarchive.testkit.hostile.HostileFamily},
 * one class per family); {@link io.github.dockerarchive.testkit.hostile.HostileCorpus#cases()}
 * gives them all, and {@link io.github.dockerarchive.testkit.hostile.Leaks} finds what a reader
 * left behind.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.github.dockerarchive.testkit.hostile;

import org.apiguardian.api.API;
