package com.example.dockerarchive.conformance;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.adapters.BuiltinImplementation;
import io.github.dockerarchive.testkit.conformance.junit.DockerArchiveConformance;
import java.util.List;

/**
 * The conformance suite as JUnit tests: one dynamic test per check, grouped by rule. Replace {@code
 * new BuiltinImplementation()} with an adapter of your own implementation.
 */
class BuiltinConformanceExampleTest extends DockerArchiveConformance {
  @Override
  protected ArchiveImplementation createImplementation() {
    return new BuiltinImplementation(); // this project's reader and writer, in-process
  }

  @Override
  protected List<String> rules() {
    return List.of("SEL", "WR-2"); // rule groups or rule IDs; empty (the default) for all
  }
}
