package io.github.dockerarchive.testkit.conformance.runner;

import io.github.dockerarchive.testkit.conformance.ArchiveImplementation;
import io.github.dockerarchive.testkit.conformance.Capability;
import io.github.dockerarchive.testkit.conformance.CopyRequest;
import io.github.dockerarchive.testkit.conformance.ImplementationException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** An implementation whose copies always succeed and do nothing; the checks decide the outcome. */
public final class FakeImplementation implements ArchiveImplementation {
  final String name;
  final boolean basedOnReference;
  final AtomicInteger closed = new AtomicInteger();

  public FakeImplementation(String name, boolean basedOnReference) {
    this.name = name;
    this.basedOnReference = basedOnReference;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.READ, Capability.WRITE);
  }

  @Override
  public boolean basedOnReference() {
    return basedOnReference;
  }

  @Override
  public void copy(CopyRequest request) throws ImplementationException {}

  @Override
  public void close() {
    closed.incrementAndGet();
  }
}
