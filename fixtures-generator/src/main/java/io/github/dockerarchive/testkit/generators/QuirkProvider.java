package io.github.dockerarchive.testkit.generators;

import io.github.dockerarchive.testkit.synthetic.Quirk;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;
import org.apiguardian.api.API;

/**
 * The default arbitrary of {@code @ForAll Quirk}: {@link ArchiveArbitraries#quirks()}, every quirk
 * of the catalogue but the {@link Quirk#expensive() expensive} ones, registered through {@code
 * META-INF/services/net.jqwik.api.providers.ArbitraryProvider} ahead of jqwik's own enum arbitrary,
 * which would draw those too. An expensive quirk is drawn only where a property names it, for
 * example with {@code Arbitraries.of(Quirk.values())}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class QuirkProvider implements ArbitraryProvider {
  /** Created by jqwik through the service loader. */
  public QuirkProvider() {}

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(Quirk.class);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    return Set.of(ArchiveArbitraries.quirks());
  }

  /** Ahead of jqwik's default providers (priority 0), which include one for every enum. */
  @Override
  public int priority() {
    return 1;
  }
}
