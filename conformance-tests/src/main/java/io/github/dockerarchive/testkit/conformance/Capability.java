package io.github.dockerarchive.testkit.conformance;

import java.util.Locale;
import org.apiguardian.api.API;

/** What an implementation claims to do; the command-line protocol spells them in lower case. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Capability {
  /** Copies an image out of a {@code docker-archive:} source into {@code oci:}. */
  READ,
  /** Also writes the image read to a {@code dir:} destination (to show the manifest it serves). */
  READ_TO_DIR,
  /** Copies an image from {@code oci:} into a {@code docker-archive:} destination. */
  WRITE,
  /** Copies several images into one archive ({@code copy --multi SRC... DST}). */
  WRITE_MULTI,
  /** Writes the Docker 25+ hybrid layout on request ({@code copy --layout docker-hybrid}). */
  WRITE_HYBRID;

  /**
   * The protocol name: {@code read}, {@code read-to-dir}, {@code write}, {@code write-multi},
   * {@code write-hybrid}.
   *
   * @return the name used by {@code ADAPTER capabilities}
   */
  public String protocolName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The capability of a protocol name.
   *
   * @param name a name printed by {@code ADAPTER capabilities}
   * @return the capability
   * @throws IllegalArgumentException when the name is unknown
   */
  public static Capability fromProtocolName(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
