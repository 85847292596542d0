package io.github.dockerarchive.testkit.conformance;

import org.apiguardian.api.API;

/** The outcome of one check against one implementation. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Status {
  /** The implementation did what the rule says. */
  PASS,
  /** It did not; the reason says what it did instead. */
  FAIL,
  /** The implementation does not claim what the check needs (a capability, a Java API). */
  UNSUPPORTED,
  /** The suite itself failed (it could not prepare the input or judge the output). */
  ERROR
}
