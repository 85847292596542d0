package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkFamily;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Provides one invocation per quirk an {@link ArchiveQuirks} selects; each invocation resolves its
 * quirk, spec and (lazily) archive, which its own extension context owns.
 */
final class ArchiveQuirksProvider implements TestTemplateInvocationContextProvider {

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, ArchiveQuirks.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    ArchiveQuirks annotation =
        AnnotationSupport.findAnnotation(method, ArchiveQuirks.class).orElseThrow();
    String target = Declaration.describe(method);
    String where = "@ArchiveQuirks on " + target;
    Settings settings = Settings.of(context, Settings.Programmatic.NONE);
    Base base = base(annotation, target, where, settings, context);
    Set<Quirk> named = quirks(annotation.value(), where, "value");
    List<Quirk> selected = select(annotation, named, where);
    List<TestTemplateInvocationContext> invocations = new ArrayList<>(selected.size());
    for (Quirk quirk : selected) {
      invocations.add(
          new Invocation(
              quirk,
              annotation.name(),
              new QuirkArchive(
                  quirk,
                  base,
                  settings,
                  where + " [" + quirk.id() + "]",
                  named.contains(quirk),
                  annotation.includeExpensive())));
    }
    return invocations.stream();
  }

  /** The spec quirks are applied to, with the cleanup and sharing its archives follow. */
  private record Base(ArchiveSpec spec, CleanupMode cleanup, boolean shared) {}

  private static Base base(
      ArchiveQuirks annotation,
      String target,
      String where,
      Settings settings,
      ExtensionContext context) {
    SyntheticArchive[] declared = annotation.archive();
    if (declared.length > 1) {
      throw new ExtensionConfigurationException(
          where + ": archive takes at most one @SyntheticArchive, got " + declared.length);
    }
    if (declared.length == 0) {
      return new Base(Quirk.baseSpec(), settings.cleanup(), settings.cache());
    }
    Declaration declaration =
        new Declaration(
            ArchiveSpec.class, declared[0], target + " (@ArchiveQuirks archive)", "archive");
    ClassLoader loader = context.getRequiredTestClass().getClassLoader();
    return new Base(
        AnnotationSpecs.toSpec(
            declaration, settings, loader != null ? loader : ClassLoader.getSystemClassLoader()),
        AnnotationSpecs.cleanup(declaration, settings),
        declared[0].shared() || settings.cache());
  }

  private static List<Quirk> select(ArchiveQuirks annotation, Set<Quirk> named, String where) {
    Set<QuirkValidity> validities =
        annotation.validity().length == 0
            ? EnumSet.allOf(QuirkValidity.class)
            : EnumSet.copyOf(Arrays.asList(annotation.validity()));
    Set<QuirkFamily> families =
        annotation.families().length == 0
            ? EnumSet.allOf(QuirkFamily.class)
            : EnumSet.copyOf(Arrays.asList(annotation.families()));
    Set<Quirk> excluded = quirks(annotation.exclude(), where, "exclude");
    List<Quirk> selected = new ArrayList<>();
    for (Quirk q : named.isEmpty() ? List.of(Quirk.values()) : named) {
      if (validities.contains(q.validity())
          && families.contains(q.family())
          && !excluded.contains(q)) {
        selected.add(q);
      }
    }
    if (selected.isEmpty()) {
      throw new ExtensionConfigurationException(
          where
              + ": no quirk left to run (value "
              + Arrays.toString(annotation.value())
              + ", validity "
              + Arrays.toString(annotation.validity())
              + ", families "
              + Arrays.toString(annotation.families())
              + ", exclude "
              + Arrays.toString(annotation.exclude())
              + ")");
    }
    return selected;
  }

  private static Set<Quirk> quirks(String[] ids, String where, String attribute) {
    Set<Quirk> quirks = new LinkedHashSet<>();
    for (String id : ids) {
      try {
        quirks.add(Quirk.parse(id));
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(
            where + ": " + attribute + " names " + e.getMessage());
      }
    }
    return quirks;
  }

  static String displayName(String pattern, Quirk quirk, int index) {
    return pattern
        .replace("{id}", quirk.id())
        .replace("{validity}", quirk.validity().name().toLowerCase(Locale.ROOT))
        .replace("{family}", quirk.family().id())
        .replace("{rule}", quirk.rule())
        .replace("{description}", quirk.description())
        .replace("{index}", String.valueOf(index));
  }

  /** One quirk's invocation: its name and the extension that serves its parameters. */
  private record Invocation(Quirk quirk, String pattern, QuirkArchive archive)
      implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return displayName(pattern, quirk, invocationIndex);
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(archive);
    }
  }

  /**
   * Serves one invocation: skips it when the quirk cannot shape the base spec (fails it when the
   * quirk was named) or is expensive and neither named nor included, resolves the quirk, the spec
   * and the archive, which is written on first use and tracked in the invocation's store, so it is
   * deleted when the invocation ends.
   */
  private static final class QuirkArchive
      implements ExecutionCondition, BeforeEachCallback, ParameterResolver {
    private final Quirk quirk;
    private final Base base;
    private final Settings settings;
    private final String description;
    private final boolean named;
    private final boolean includeExpensive;
    private final ArchiveSpec spec;
    private final String inapplicable;

    QuirkArchive(
        Quirk quirk,
        Base base,
        Settings settings,
        String description,
        boolean named,
        boolean includeExpensive) {
      this.quirk = quirk;
      this.includeExpensive = includeExpensive;
      this.base = base;
      this.settings = settings;
      this.description = description;
      this.named = named;
      ArchiveSpec shaped = null;
      String reason;
      try {
        shaped = quirk.applyTo(base.spec());
        reason = SyntheticArchives.whyInapplicable(shaped).orElse(null);
      } catch (IllegalArgumentException | IllegalStateException e) {
        reason = e.getMessage();
      }
      this.spec = shaped;
      this.inapplicable = reason;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (quirk.expensive() && !named && !includeExpensive) {
        return ConditionEvaluationResult.disabled(
            "quirk "
                + quirk.id()
                + " is expensive (writing and reading its archive takes about a minute and gigabytes"
                + " of I/O);"
                + " @ArchiveQuirks(includeExpensive = true) or naming it in value runs it");
      }
      return inapplicable == null || named
          ? ConditionEvaluationResult.enabled("the quirk applies")
          : ConditionEvaluationResult.disabled(
              "quirk " + quirk.id() + " cannot shape the base spec: " + inapplicable);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      if (inapplicable != null) {
        throw new ExtensionConfigurationException(
            description + ": the quirk cannot shape the base spec: " + inapplicable);
      }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      if (parameter.isAnnotated(SyntheticArchive.class) || parameter.isAnnotated(TempDir.class)) {
        return false;
      }
      Class<?> type = parameter.getParameter().getType();
      return type == Quirk.class || type == ArchiveSpec.class || injectable(type).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      if (type == Quirk.class) {
        return quirk;
      }
      if (inapplicable != null) {
        throw new ParameterResolutionException(
            description + ": the quirk cannot shape the base spec: " + inapplicable);
      }
      if (type == ArchiveSpec.class) {
        return spec;
      }
      TrackedArchive archive;
      try {
        archive =
            context
                .getStore(DockerArchiveExtension.NAMESPACE)
                .getOrComputeIfAbsent(
                    new Key(context.getUniqueId()),
                    k ->
                        Provisioning.write(
                            spec,
                            base.cleanup(),
                            base.shared(),
                            settings,
                            quirk.id(),
                            description,
                            context),
                    TrackedArchive.class);
      } catch (ExtensionConfigurationException e) {
        throw new ParameterResolutionException(e.getMessage(), e.getCause());
      }
      Declaration declaration =
          Declaration.of(parameter.getParameter(), parameter.getIndex(), null);
      try {
        return injectable(type).orElseThrow().produce(archive, declaration);
      } catch (ArchiveException e) {
        throw new ParameterResolutionException(
            description
                + ": cannot open "
                + archive.path()
                + " as an ArchiveReader ("
                + e.getMessage()
                + "); take a Path or ArchiveFixture to test an archive that does not open",
            e);
      } catch (IOException e) {
        throw new ParameterResolutionException(
            description + ": cannot read " + archive.path() + ": " + e, e);
      }
    }

    private static Optional<InjectableType> injectable(Class<?> type) {
      return Arrays.stream(InjectableType.values()).filter(t -> t.type() == type).findFirst();
    }

    /** The archive of one invocation in its store. */
    private record Key(String invocation) {}
  }
}
