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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
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

/**
 * A JUnit Jupiter extension that materialises synthetic docker-save archives for fields and
 * parameters annotated with {@link SyntheticArchive}, and cleans them up afterwards.
 *
 * <p>Register it declaratively ({@code @ExtendWith(DockerArchiveExtension.class)} or {@link
 * DockerArchiveTest}) or programmatically, to set defaults and to create archives from specs inside
 * a test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static DockerArchiveExtension archives =
 *     DockerArchiveExtension.builder().defaultDialect(Dialect.JIB).seed(42).build();
 *
 * @Test
 * void readsTwoImages() {
 *   ArchiveFixture fixture = archives.create(b -> b.image(List.of("a:1"), LayerSpec.filler(10)));
 *   ...
 * }
 * }</pre>
 *
 * <p>Static fields get one archive per test class, instance fields and parameters one per test (for
 * every test instance of a {@code @Nested} hierarchy). Every archive is written into a directory of
 * its own and owned by the extension context it was made for: it is deleted when that context ends,
 * according to its cleanup mode; readers and streams handed out are closed first. All state lives
 * in {@link ExtensionContext.Store}s; the extension is safe under parallel execution.
 */
public final class DockerArchiveExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver,
        TestWatcher {

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
   * Materialises a spec for the test (or, in {@code @BeforeAll}, the class) running on this thread;
   * the archive is cleaned up with it, by this extension's cleanup mode.
   *
   * @param spec what to write
   * @return the archive and its truth
   * @throws IllegalStateException outside a test or lifecycle method of a class that registers this
   *     extension
   * @throws ExtensionConfigurationException if the archive cannot be written
   */
  public ArchiveFixture create(ArchiveSpec spec) {
    Objects.requireNonNull(spec, "spec");
    ExtensionContext context = currentContext();
    Settings settings = Settings.of(context, programmatic);
    return Provisioning.track(
            spec,
            settings.cleanup(),
            settings.cache(),
            settings,
            "archive",
            "archive created in " + context.getDisplayName() + " (" + context.getUniqueId() + ")",
            context)
        .fixture();
  }

  /**
   * Materialises a spec built in place, starting from this extension's default dialect, compression
   * and seed.
   *
   * <pre>{@code
   * ArchiveFixture two = archives.create(b -> b
   *     .image(List.of("app:1"), LayerSpec.filler(100))
   *     .image(List.of("app:2"), LayerSpec.filler(200)));
   * }</pre>
   *
   * @param spec adds images and changes settings
   * @return the archive and its truth
   * @throws IllegalStateException outside a test or lifecycle method of a class that registers this
   *     extension
   */
  public ArchiveFixture create(Consumer<ArchiveSpec.Builder> spec) {
    Objects.requireNonNull(spec, "spec");
    Settings settings = Settings.of(currentContext(), programmatic);
    ArchiveSpec.Builder builder =
        ArchiveSpec.builder()
            .dialect(settings.dialect())
            .compression(settings.compression())
            .seed(settings.seed());
    spec.accept(builder);
    return create(builder.build());
  }

  private static ExtensionContext currentContext() {
    return CurrentContext.get()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "DockerArchiveExtension.create(...) must be called on the thread of a test or"
                        + " lifecycle method of a class that registers this extension with"
                        + " @RegisterExtension"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    CurrentContext.enter(context);
    Class<?> testClass = context.getRequiredTestClass();
    for (FieldTarget target : fields(context, testClass)) {
      if (target.isStatic()) {
        target.inject(null, context, programmatic);
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    CurrentContext.enter(context);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (FieldTarget target : fields(context, instance.getClass())) {
        if (!target.isStatic()) {
          target.inject(instance, context, programmatic);
        }
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    CurrentContext.leave(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    CurrentContext.leave(context);
  }

  /**
   * Claims parameters annotated with {@link SyntheticArchive}; an unsupported type is refused when
   * resolving, with a message naming the parameter.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return whether the parameter is annotated
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.isAnnotated(SyntheticArchive.class);
  }

  /**
   * Materialises the parameter's archive.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context that owns the archive
   * @return the value
   * @throws ParameterResolutionException naming the parameter
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
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
   * An annotated field, found once per class. A field that cannot be injected keeps its problem,
   * reported when it is injected: at class level for static fields, per test otherwise.
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
      return List.copyOf(targets);
    }

    void inject(Object instance, ExtensionContext context, Settings.Programmatic programmatic) {
      if (problem != null) {
        throw problem;
      }
      Object value = Provisioning.inject(declaration, context, programmatic);
      try {
        field.set(instance, value);
      } catch (IllegalAccessException e) {
        throw AnnotationSpecs.invalid(declaration, "cannot set the field: " + e);
      }
    }
  }

  /** Builds a {@link DockerArchiveExtension} with its own defaults. */
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
