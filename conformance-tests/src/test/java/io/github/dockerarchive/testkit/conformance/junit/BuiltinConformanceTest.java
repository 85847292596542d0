package io.github.dockerarchive.testkit.conformance.junit;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;

/**
 * The whole suite against this project's own implementation, in-process, through the TCK base class
 * (what a user of the suite writes for theirs). Every MUST and FIX check must pass.
 */
class BuiltinConformanceTest extends DockerArchiveConformance {
  @Override
  protected ArchiveImplementation createImplementation() {
    return new BuiltinImplementation();
  }
}
