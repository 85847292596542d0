package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.SpecJson;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.apiguardian.api.API;

/**
 * The jqwik lifecycle of generated archives, registered globally through {@code
 * META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}; it applies to properties with an {@link
 * ArchiveSpec} or {@link ArchiveFixture} among their parameter types. After every try it deletes
 * the try's archives, after the property their directory; when the property fails it reports the
 * falsified spec as JSON ({@link SpecJson}) with the seed, under the key {@value #REPORT_KEY}, so
 * that the archive can be rebuilt with {@code dockerarchive generate --spec FILE} and the property
 * replayed with {@code @Property(seed = "...")}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArchiveFixtureLifecycle implements AroundPropertyHook {
  /** The key of the report entry a failing property publishes. */
  public static final String REPORT_KEY = "dockerarchive-spec";

  /** Created by jqwik through the service loader. */
  public ArchiveFixtureLifecycle() {}

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public boolean appliesTo(Optional<AnnotatedElement> element) {
    return element
        .filter(Method.class::isInstance)
        .map(e -> usesArchives((Method) e))
        .orElse(false);
  }

  private static boolean usesArchives(Method method) {
    for (Type t : method.getGenericParameterTypes()) {
      String name = t.getTypeName();
      if (name.contains(ArchiveSpec.class.getName())
          || name.contains(ArchiveFixture.class.getName())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) throws Throwable {
    FixtureFiles files = FixtureFiles.current();
    try {
      PropertyExecutionResult result = property.execute();
      if (result.status() == PropertyExecutionResult.Status.FAILED) {
        report(context, result);
      }
      return result;
    } finally {
      files.close();
    }
  }

  @Override
  public int aroundPropertyProximity() {
    // outside of jqwik's own hooks, so the files outlive every try, shrinking included
    return -100;
  }

  // No per-try deletion: jqwik computes some values ahead of their try (edge cases, the outer
  // value of a flatMap), so an archive made before one try may be used by a later one.

  private static void report(PropertyLifecycleContext context, PropertyExecutionResult result) {
    Optional<FalsifiedSample> sample =
        result.shrunkSample().map(FalsifiedSample.class::cast).or(result::originalSample);
    Optional<ArchiveSpec> spec = sample.flatMap(s -> firstSpec(s.parameters()));
    if (spec.isEmpty()) {
      return;
    }
    String seed = result.seed().orElse("(unknown)");
    String text =
        "falsified archive spec (seed "
            + seed
            + "); save it as spec.json and rebuild the archive with"
            + " ./dockerarchive generate --spec spec.json -o failing.tar,"
            + " or replay the property with @Property(seed = \""
            + seed
            + "\"):\n"
            + SpecJson.toJson(spec.get());
    context.reporter().publishValue(REPORT_KEY, text);
  }

  static Optional<ArchiveSpec> firstSpec(List<Object> parameters) {
    for (Object p : parameters) {
      if (p instanceof ArchiveSpec s) {
        return Optional.of(s);
      }
      if (p instanceof ArchiveFixture f) {
        return Optional.of(f.spec());
      }
    }
    return Optional.empty();
  }
}
