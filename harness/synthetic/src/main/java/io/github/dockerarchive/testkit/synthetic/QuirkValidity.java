package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;

/** Whether loaders accept the shape a {@link Quirk} builds. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum QuirkValidity {
  /** Valid but unusual: Docker, skopeo and podman load it, and {@code verify} accepts it. */
  VALID,
  /** A defect that buggy writers produced: {@code verify} reports it under the quirk's rule. */
  DEFECT
}
