package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import io.github.dockerarchive.testkit.synthetic.ArchiveSpec;
import io.github.dockerarchive.testkit.synthetic.Quirk;
import io.github.dockerarchive.testkit.synthetic.QuirkValidity;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;
import org.apiguardian.api.API;

/**
 * The default arbitraries of {@code @ForAll ArchiveSpec} and {@code @ForAll ArchiveFixture},
 * registered through {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}: {@link
 * ArchiveArbitraries#specs()} configured by the parameter's {@link Images}, {@link Layers}, {@link
 * Dialects}, {@link MaxFileSize}, {@link Corrupted}, {@link Valid} and {@link WithQuirks}
 * annotations.
 *
 * <pre>{@code
 * @Property(tries = 50)
 * void readsEveryLayer(@ForAll @Images(max = 2) @Dialects(Dialect.DOCKER_LEGACY) ArchiveFixture f) {
 *   ...
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArchiveSpecProvider implements ArbitraryProvider {
  /** Created by jqwik through the service loader. */
  public ArchiveSpecProvider() {}

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(ArchiveSpec.class) || targetType.isOfType(ArchiveFixture.class);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    SpecArbitrary specs = configure(ArchiveArbitraries.specs(), targetType);
    return Set.of(targetType.isOfType(ArchiveFixture.class) ? specs.fixtures() : specs);
  }

  /**
   * Applies a parameter's annotations.
   *
   * @param specs the arbitrary to configure
   * @param type the parameter's type usage
   * @return the configured arbitrary
   * @throws IllegalArgumentException when {@link Corrupted} and {@link Valid} are both present, or
   *     {@link WithQuirks} selects no quirk or bounds out of range
   */
  private static Quirk[] pool(WithQuirks annotation) {
    List<Quirk> named =
        annotation.value().length == 0
            ? ArchiveArbitraries.cheapQuirks()
            : List.of(annotation.value());
    List<QuirkValidity> validities = List.of(annotation.validity());
    Quirk[] pool =
        named.stream()
            .filter(q -> validities.isEmpty() || validities.contains(q.validity()))
            .toArray(Quirk[]::new);
    if (pool.length == 0) {
      throw new IllegalArgumentException(
          "@WithQuirks selects no quirk: value " + named + ", validity " + validities);
    }
    return pool;
  }

  static SpecArbitrary configure(SpecArbitrary specs, TypeUsage type) {
    SpecArbitrary a = specs;
    Optional<Images> images = type.findAnnotation(Images.class);
    if (images.isPresent()) {
      a = a.images(images.get().min(), images.get().max());
    }
    Optional<Layers> layers = type.findAnnotation(Layers.class);
    if (layers.isPresent()) {
      a = a.layers(layers.get().min(), layers.get().max());
    }
    Optional<Dialects> dialects = type.findAnnotation(Dialects.class);
    if (dialects.isPresent()) {
      a = a.dialects(dialects.get().value());
    }
    Optional<MaxFileSize> maxFileSize = type.findAnnotation(MaxFileSize.class);
    if (maxFileSize.isPresent()) {
      a = a.maxFileSize(maxFileSize.get().value());
    }
    if (type.isAnnotated(Corrupted.class)) {
      if (type.isAnnotated(Valid.class)) {
        throw new IllegalArgumentException("a parameter cannot be both @Corrupted and @Valid");
      }
      Corrupted corrupted = type.findAnnotation(Corrupted.class).orElseThrow();
      a = corrupted.value().length == 0 ? a.corruptedOnly() : a.corruptions(corrupted.value());
    }
    Optional<WithQuirks> quirks = type.findAnnotation(WithQuirks.class);
    if (quirks.isPresent()) {
      a = a.withQuirks(quirks.get().min(), quirks.get().max(), pool(quirks.get()));
    }
    return a;
  }
}
