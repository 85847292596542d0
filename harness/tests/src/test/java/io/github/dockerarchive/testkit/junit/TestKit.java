package io.github.dockerarchive.testkit.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture test classes in a nested Jupiter engine. Fixture classes carry {@link Fixture} so
 * they run only there, never in the build's own test run.
 */
final class TestKit {
  private static final String ENABLED = "dockerarchive.testkit.fixture";

  private TestKit() {}

  /** Marks a class that only {@link TestKit} runs. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(OnlyInTestKit.class)
  @interface Fixture {}

  /** Disables fixture classes outside {@link TestKit}. */
  static final class OnlyInTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(ENABLED).isPresent()
          ? ConditionEvaluationResult.enabled("run by TestKit")
          : ConditionEvaluationResult.disabled("a fixture for TestKit");
    }
  }

  static EngineExecutionResults run(Class<?>... classes) {
    return run(Map.of(), classes);
  }

  static EngineExecutionResults run(Map<String, String> config, Class<?>... classes) {
    Map<String, String> all = new HashMap<>(config);
    all.put(ENABLED, "true");
    var kit = EngineTestKit.engine("junit-jupiter").configurationParameters(all);
    for (Class<?> c : classes) {
      kit = kit.selectors(selectClass(c));
    }
    return kit.execute();
  }
}
