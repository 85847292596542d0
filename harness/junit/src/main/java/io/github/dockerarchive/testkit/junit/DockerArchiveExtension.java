package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * A JUnit Jupiter extension that materialises synthetic docker-save archives for fields and
 * parameters annotated with {@link SyntheticArchive}, hands out {@link Archives} to create archives
 * from specs inside a test, and cleans everything up afterwards.
 *
 * <p>Register it declaratively ({@code @ExtendWith(DockerArchiveExtension.class)} or {@link
 * DockerArchiveTest}) or programmatically, to set defaults that injected archives and {@link
 * Archives} then use:
 *
 * <pre>{@code
 * @RegisterExtension
 * static DockerArchiveExtension extension =
 *     DockerArchiveExtension.builder().defaultDialect(Dialect.JIB).seed(42).build();
 *
 * @Test
 * void readsAJibArchive(Archives archives, @SyntheticArchive Path injected) {
 *   ArchiveFixture fixture = archives.create(b -> b.image(List.of("a:1"), LayerSpec.filler(10)));
 *   ...
 * }
 * }</pre>
 *
 * <p>Static fields get one archive per test class, instance fields and parameters one per test (for
 * every test instance of a {@code @Nested} hierarchy). Every archive is written into a directory of
 * its own and owned by the extension context it was made for: it is deleted when that context ends,
 * according to its cleanup mode; readers and streams handed out are closed first. Constructor
 * parameters are resolved in the test method's context (under the default per-method lifecycle).
 *
 * <p>All run state lives in {@link ExtensionContext.Store}s, keyed by the context that owns it; the
 * extension's own fields hold only the builder's configuration, and nothing is static or bound to a
 * thread. The extension is therefore safe under parallel execution, and an {@link Archives} works
 * from whatever thread the test body runs on.
 *
 * <p>{@link #create(ArchiveSpec)} and {@link #create(Consumer)} on the extension instance are
 * deprecated and always throw: an extension instance is shared by the tests of the class that
 * registers it (concurrently, under parallel execution), and a call on it carries no extension
 * context, so it cannot tell which test would own the archive. Rather than guess from the calling
 * thread (wrong inside {@code @Timeout(threadMode = SEPARATE_THREAD)} or an executor), it asks for
 * an {@link Archives} parameter, which is bound to its context.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DockerArchiveExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestWatcher {

  /** The store namespace of everything this extension keeps. */
  static final Namespace NAMESPACE = Namespace.create(DockerArchiveExtension.class);

  private final Settings.Programmatic programmatic;

  /** The extension with every default taken from configuration parameters. */
  public DockerArchiveExtension() {
    this(Settings.Programmatic.NONE);
  }

  private DockerArchiveExtension(Settings.Programmatic programmatic) {
    this.programmatic = programmatic;
  }

  /**
   * A builder for an extension with its own defaults, for {@code @RegisterExtension}.
   *
   * @return a builder with nothing set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Always throws: take an {@link Archives} parameter and call {@link Archives#create(ArchiveSpec)}
   * on it instead.
   *
   * @param spec what to write
   * @return never returns normally
   * @throws IllegalStateException always, naming the replacement
   * @deprecated a call on the shared extension instance cannot tell which test owns the archive;
   *     use an {@link Archives} parameter of the test or lifecycle method
   */
  @Deprecated(since = "0.1", forRemoval = true)
  public ArchiveFixture create(ArchiveSpec spec) {
    Objects.requireNonNull(spec, "spec");
    throw withoutContext();
  }

  /**
   * Always throws: take an {@link Archives} parameter and call {@link Archives#create(Consumer)} on
   * it instead.
   *
   * @param spec adds images and changes settings
   * @return never returns normally
   * @throws IllegalStateException always, naming the replacement
   * @deprecated a call on the shared extension instance cannot tell which test owns the archive;
   *     use an {@link Archives} parameter of the test or lifecycle method
   */
  @Deprecated(since = "0.1", forRemoval = true)
  public ArchiveFixture create(Consumer<ArchiveSpec.Builder> spec) {
    Objects.requireNonNull(spec, "spec");
    throw withoutContext();
  }

  private static IllegalStateException withoutContext() {
    return new IllegalStateException(
        "DockerArchiveExtension.create(...) cannot know which test owns the archive (the extension"
            + " instance is shared by the tests of its class, and a test body may run on another"
            + " thread);"
            + " take a parameter of type io.github.dockerarchive.testkit.junit.Archives in the test,"
            + " @BeforeEach or static @BeforeAll method and call archives.create(...) on it");
  }

  /**
   * Injects the static fields of the class: annotated ones with archives owned by the class,
   * non-final fields of type {@link Archives} with the class's.
   *
   * @param context the class
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    for (FieldTarget target : fields(context, testClass)) {
      if (target.isStatic()) {
        target.inject(null, context, programmatic);
      }
    }
  }

  /**
   * Injects the instance fields of every test instance (outer ones of {@code @Nested} classes too)
   * with values owned by the test.
   *
   * @param context the test
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (FieldTarget target : fields(context, instance.getClass())) {
        if (!target.isStatic()) {
          target.inject(instance, context, programmatic);
        }
      }
    }
  }

  /**
   * Resolves constructor parameters in the test method's context, so what they receive is owned by
   * the test rather than by the class.
   *
   * @param rootContext the root context
   * @return {@link ExtensionContextScope#TEST_METHOD}
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  /**
   * Claims parameters annotated with {@link SyntheticArchive} (an unsupported type is refused when
   * resolving, with a message naming the parameter) and parameters of type {@link Archives}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return whether the parameter is annotated or an {@link Archives}
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.isAnnotated(SyntheticArchive.class)
        || parameterContext.getParameter().getType() == Archives.class;
  }

  /**
   * Materialises the parameter's archive, or hands out the context's {@link Archives}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context that owns the archive
   * @return the value
   * @throws ParameterResolutionException naming the parameter
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (!parameterContext.isAnnotated(SyntheticArchive.class)) {
      return ContextArchives.of(extensionContext, programmatic);
    }
    Declaration declaration =
        Declaration.of(
            parameterContext.getParameter(),
            parameterContext.getIndex(),
            parameterContext.findAnnotation(SyntheticArchive.class).orElseThrow());
    try {
      return Provisioning.inject(declaration, extensionContext, programmatic);
    } catch (ExtensionConfigurationException e) {
      throw new ParameterResolutionException(e.getMessage(), e.getCause());
    }
  }

  /**
   * Records the failure in the enclosing contexts, so class-level archives with {@code ON_SUCCESS}
   * are kept.
   *
   * @param context the failed test
   * @param cause the failure
   */
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    FailureMarks.markAncestors(context);
  }

  private static List<FieldTarget> fields(ExtensionContext context, Class<?> type) {
    @SuppressWarnings("unchecked")
    List<FieldTarget> targets =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(new FieldsKey(type), k -> FieldTarget.find(k.type()), List.class);
    return targets;
  }

  private record FieldsKey(Class<?> type) {}

  /**
   * A field to inject, found once per class: annotated with {@link SyntheticArchive}, or of type
   * {@link Archives} and not final (then {@code declaration} is null). A field that cannot be
   * injected keeps its problem, reported when it is injected: at class level for static fields, per
   * test otherwise.
   */
  private record FieldTarget(
      Field field, Declaration declaration, boolean isStatic, RuntimeException problem) {
    static List<FieldTarget> find(Class<?> type) {
      List<FieldTarget> targets = new ArrayList<>();
      for (Field f :
          AnnotationSupport.findAnnotatedFields(
              type, SyntheticArchive.class, x -> true, HierarchyTraversalMode.TOP_DOWN)) {
        SyntheticArchive annotation =
            AnnotationSupport.findAnnotation(f, SyntheticArchive.class).orElseThrow();
        Declaration declaration = Declaration.of(f, annotation);
        RuntimeException problem = null;
        try {
          if (Modifier.isFinal(f.getModifiers())) {
            throw AnnotationSpecs.invalid(declaration, "the field must not be final");
          }
          InjectableType.of(declaration);
          f.setAccessible(true);
        } catch (RuntimeException e) {
          problem = e;
        }
        targets.add(new FieldTarget(f, declaration, Modifier.isStatic(f.getModifiers()), problem));
      }
      // Unannotated: a final field of this type is the test's own (set in a constructor), left
      // alone.
      for (Field f :
          ReflectionSupport.findFields(
              type,
              x ->
                  x.getType() == Archives.class
                      && !Modifier.isFinal(x.getModifiers())
                      && !x.isAnnotationPresent(SyntheticArchive.class),
              HierarchyTraversalMode.TOP_DOWN)) {
        RuntimeException problem = null;
        try {
          f.setAccessible(true);
        } catch (RuntimeException e) {
          problem =
              new ExtensionConfigurationException(
                  "cannot inject Archives into " + f + ": " + e.getMessage(), e);
        }
        targets.add(new FieldTarget(f, null, Modifier.isStatic(f.getModifiers()), problem));
      }
      return List.copyOf(targets);
    }

    void inject(Object instance, ExtensionContext context, Settings.Programmatic programmatic) {
      if (problem != null) {
        throw problem;
      }
      Object value =
          declaration == null
              ? ContextArchives.of(context, programmatic)
              : Provisioning.inject(declaration, context, programmatic);
      try {
        field.set(instance, value);
      } catch (IllegalAccessException e) {
        throw declaration == null
            ? new ExtensionConfigurationException("cannot set " + field + ": " + e, e)
            : AnnotationSpecs.invalid(declaration, "cannot set the field: " + e);
      }
    }
  }

  /** Builds a {@link DockerArchiveExtension} with its own defaults. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private Path tempRoot;
    private CleanupMode cleanup;
    private Dialect dialect;
    private Long seed;
    private Boolean cache;

    private Builder() {}

    /**
     * Where archives are written (each in a new directory below it); overrides {@value
     * SyntheticArchive#TEMP_DIR_PROPERTY_NAME}.
     *
     * @param directory the root, created when missing
     * @return this builder
     */
    public Builder tempRoot(Path directory) {
      this.tempRoot = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The default cleanup mode; overrides {@value SyntheticArchive#DEFAULT_CLEANUP_PROPERTY_NAME}.
     *
     * @param mode ALWAYS, ON_SUCCESS or NEVER
     * @return this builder
     */
    public Builder cleanup(CleanupMode mode) {
      this.cleanup = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The default dialect; overrides {@value SyntheticArchive#DEFAULT_DIALECT_PROPERTY_NAME}.
     *
     * @param value the dialect
     * @return this builder
     */
    public Builder defaultDialect(Dialect value) {
      this.dialect = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * The default seed; overrides {@value SyntheticArchive#DEFAULT_SEED_PROPERTY_NAME}.
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Whether identical archives are shared across the run; overrides {@value
     * SyntheticArchive#CACHE_PROPERTY_NAME}.
     *
     * @param value true to share
     * @return this builder
     */
    public Builder cache(boolean value) {
      this.cache = value;
      return this;
    }

    /**
     * Builds the extension.
     *
     * @return the extension
     */
    public DockerArchiveExtension build() {
      return new DockerArchiveExtension(
          new Settings.Programmatic(tempRoot, cleanup, dialect, seed, cache));
    }
  }
}
