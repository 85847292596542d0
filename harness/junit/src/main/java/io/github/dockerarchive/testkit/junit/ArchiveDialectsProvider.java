package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.image.Compression;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Dialect;
import io.github.dockerarchive.testkit.synthetic.SyntheticArchives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Provides one set of arguments per dialect and compression of an {@link ArchiveDialects}. */
final class ArchiveDialectsProvider extends AnnotationBasedArgumentsProvider<ArchiveDialects> {

  private enum Kind {
    FIXTURE,
    SPEC,
    PATH,
    FILE,
    DIALECT,
    COMPRESSION
  }

  @Override
  protected Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context, ArchiveDialects annotation) {
    String target = describe(context);
    String where = "@ArchiveDialects on " + target;
    List<Kind> kinds = kinds(parameters, where);
    Settings settings = Settings.of(context, Settings.Programmatic.NONE);
    Declaration declaration =
        new Declaration(
            ArchiveSpec.class,
            annotation.archive(),
            target + " (@ArchiveDialects archive)",
            "archive");
    ArchiveSpec base =
        AnnotationSpecs.toSpec(
            declaration, settings, context.getRequiredTestClass().getClassLoader());
    List<Compression> compressions =
        annotation.compressions().length == 0
            ? List.of(settings.compression())
            : List.of(annotation.compressions());
    boolean write =
        kinds.stream().anyMatch(k -> k != Kind.SPEC && k != Kind.DIALECT && k != Kind.COMPRESSION);
    List<ArchiveSpec> specs = new ArrayList<>();
    boolean every = annotation.value().length == 0;
    String skipped = null;
    for (Dialect dialect : dialects(annotation, where)) {
      for (Compression compression : compressions) {
        ArchiveSpec spec = base.toBuilder().dialect(dialect).compression(compression).build();
        // "Every dialect" means every dialect that can hold the archive (Jib writes one image);
        // a dialect named explicitly fails with the materialiser's reason instead.
        var reason = every ? SyntheticArchives.whyInapplicable(spec) : java.util.Optional.empty();
        if (reason.isEmpty()) {
          specs.add(spec);
        } else if (skipped == null) {
          skipped = String.valueOf(reason.get());
        }
      }
    }
    if (specs.isEmpty()) {
      throw new ExtensionConfigurationException(
          where + ": no dialect can hold the archive (" + skipped + ")");
    }
    return specs.stream()
        .map(spec -> arguments(spec, kinds, write, declaration, settings, context));
  }

  private static Arguments arguments(
      ArchiveSpec spec,
      List<Kind> kinds,
      boolean write,
      Declaration declaration,
      Settings settings,
      ExtensionContext context) {
    TrackedArchive archive =
        write
            ? Provisioning.track(
                Provisioning.write(
                    spec,
                    AnnotationSpecs.cleanup(declaration, settings),
                    declaration.annotation().shared() || settings.cache(),
                    settings,
                    spec.dialect().id()
                        + "-"
                        + spec.compression().name().toLowerCase(java.util.Locale.ROOT),
                    declaration.description()
                        + " ["
                        + spec.dialect().id()
                        + ", "
                        + spec.compression().label()
                        + "]",
                    context),
                context)
            : null;
    Object[] values = new Object[kinds.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (kinds.get(i)) {
            case FIXTURE -> archive.fixture();
            case SPEC -> spec;
            case PATH -> archive.path();
            case FILE -> archive.path().toFile();
            case DIALECT -> spec.dialect();
            case COMPRESSION -> spec.compression();
          };
    }
    if (values.length > 0) {
      values[0] = Named.of(spec.dialect().id() + ", " + spec.compression().label(), values[0]);
    }
    return Arguments.of(values);
  }

  private static List<Dialect> dialects(ArchiveDialects annotation, String where) {
    Set<Dialect> chosen =
        annotation.value().length == 0
            ? EnumSet.allOf(Dialect.class)
            : EnumSet.copyOf(Arrays.asList(annotation.value()));
    chosen.removeAll(Arrays.asList(annotation.exclude()));
    if (chosen.isEmpty()) {
      throw new ExtensionConfigurationException(where + ": no dialect left to run");
    }
    return List.copyOf(chosen);
  }

  private static List<Kind> kinds(ParameterDeclarations parameters, String where) {
    List<Kind> kinds = new ArrayList<>();
    for (ParameterDeclaration p : parameters.getAll()) {
      Kind kind = kind(p.getParameterType());
      if (kind == null) {
        // The first unsupported parameter ends the arguments; later ones may come from resolvers.
        break;
      }
      kinds.add(kind);
    }
    if (kinds.isEmpty()) {
      throw new ExtensionConfigurationException(
          where
              + ": the first parameter must be one of ArchiveFixture, ArchiveSpec,"
              + " java.nio.file.Path, java.io.File, Dialect, Compression; got "
              + parameters.getFirst().map(p -> p.getParameterType().getTypeName()).orElse("none"));
    }
    return kinds;
  }

  private static Kind kind(Class<?> type) {
    if (type == io.github.dockerarchive.testkit.synthetic.ArchiveFixture.class) {
      return Kind.FIXTURE;
    } else if (type == ArchiveSpec.class) {
      return Kind.SPEC;
    } else if (type == java.nio.file.Path.class) {
      return Kind.PATH;
    } else if (type == java.io.File.class) {
      return Kind.FILE;
    } else if (type == Dialect.class) {
      return Kind.DIALECT;
    } else if (type == Compression.class) {
      return Kind.COMPRESSION;
    }
    return null;
  }

  private static String describe(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(Declaration::describe)
        .orElse(Declaration.className(context.getRequiredTestClass()));
  }
}
