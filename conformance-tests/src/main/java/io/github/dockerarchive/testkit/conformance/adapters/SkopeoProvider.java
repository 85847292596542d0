package io.github.dockerarchive.testkit.conformance.adapters;

import org.apiguardian.api.API;

/**
 * {@code --impl skopeo}: skopeo through {@code adapters/skopeo.sh} ({@code skopeo copy} both ways;
 * one image per archive, so no write-multi). A user of the reference, so its failures of FIX rules
 * are known deviations; only reported, never failing a run.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SkopeoProvider extends ScriptProvider {
  /** Used by the service loader. */
  public SkopeoProvider() {
    super("skopeo");
  }
}
