package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import java.io.IOException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;

/**
 * The one code path from a request to an injected value, for fields, parameters, arguments and
 * {@link Archives}: build the spec, write (or reuse) the archive, track it in the context's store,
 * make the value.
 */
final class Provisioning {
  private Provisioning() {}

  /**
   * The value for an annotated field or parameter.
   *
   * @param declaration the field or parameter
   * @param context the context that owns the archive (class for static fields, else the test)
   * @param programmatic the registered extension's builder values
   * @return the value to inject
   * @throws ExtensionConfigurationException naming the declaration
   */
  static Object inject(
      Declaration declaration, ExtensionContext context, Settings.Programmatic programmatic) {
    InjectableType type = InjectableType.of(declaration);
    Settings settings = Settings.of(context, programmatic);
    ArchiveSpec spec = AnnotationSpecs.toSpec(declaration, settings, loader(context));
    TrackedArchive archive =
        write(
            spec,
            AnnotationSpecs.cleanup(declaration, settings),
            declaration.annotation().shared() || settings.cache(),
            settings,
            declaration.fileName(),
            declaration.description(),
            context);
    track(archive, context);
    try {
      return type.produce(archive, declaration);
    } catch (ArchiveException e) {
      throw AnnotationSpecs.invalid(
          declaration,
          "cannot open "
              + archive.path()
              + " as an ArchiveReader ("
              + e.getMessage()
              + "); inject a Path or ArchiveFixture to test an archive that does not open");
    } catch (IOException e) {
      throw AnnotationSpecs.invalid(declaration, "cannot read " + archive.path() + ": " + e);
    }
  }

  /**
   * Registers an archive {@link #write written} for the context, so that it is cleaned up when the
   * context ends.
   *
   * @param archive the archive
   * @param context the owning context
   * @return the archive
   */
  static TrackedArchive track(TrackedArchive archive, ExtensionContext context) {
    context.getStore(DockerArchiveExtension.NAMESPACE).put(archive, archive);
    return archive;
  }

  /**
   * Writes (or reuses) an archive for the context; the caller owns its cleanup.
   *
   * @param spec what to write
   * @param cleanup when to delete it
   * @param shared whether an identical archive of this run may be reused
   * @param settings the temporary root
   * @param name the archive's base file name
   * @param description the requester, for messages and reports
   * @param context the owning context
   * @return the tracked archive
   */
  static TrackedArchive write(
      ArchiveSpec spec,
      CleanupMode cleanup,
      boolean shared,
      Settings settings,
      String name,
      String description,
      ExtensionContext context) {
    Materialized written;
    SharedArchive cached = null;
    try {
      if (shared) {
        cached =
            context
                .getRoot()
                .getStore(DockerArchiveExtension.NAMESPACE)
                .getOrComputeIfAbsent(
                    new SharedArchive.Key(spec, settings.tempRoot()),
                    k -> new SharedArchive(k, name, cleanup),
                    SharedArchive.class);
        written = cached.get();
      } else {
        written = Materialized.write(spec, settings.tempRoot(), name);
      }
    } catch (IOException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          description + ": cannot write the archive under " + settings.tempRoot() + ": " + e, e);
    }
    return new TrackedArchive(written, cached, cleanup, description, context);
  }

  private static ClassLoader loader(ExtensionContext context) {
    ClassLoader loader = context.getRequiredTestClass().getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }
}
