package io.github.dockerarchive.testkit.layout;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The platform an image index is resolved to (OAR-3), as skopeo's {@code --override-os}, {@code
 * --override-arch} and {@code --override-variant} choose it: written {@code os/arch[/variant]}, for
 * example {@code linux/arm64/v8}.
 *
 * <p>An index entry matches when its OS and architecture are equal to these and, when this platform
 * names a variant, its variant is equal too ({@code arm64} without a variant counts as {@code
 * arm64/v8}, as containers/image normalises it).
 *
 * @param os the operating system, for example {@code linux}
 * @param architecture the CPU architecture in Go's spelling, for example {@code amd64}
 * @param variant the CPU variant, for example {@code v8}, or null for any
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Platform(String os, String architecture, String variant) {
  /** What skopeo chooses on an amd64 Linux host without overrides: {@code linux/amd64}. */
  public static final Platform DEFAULT = new Platform("linux", "amd64", null);

  /**
   * Checks the fields.
   *
   * @param os the operating system
   * @param architecture the CPU architecture
   * @param variant the CPU variant, or null (an empty variant means none)
   */
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    if (os.isEmpty() || architecture.isEmpty()) {
      throw new IllegalArgumentException("a platform needs an OS and an architecture");
    }
    if (variant != null && variant.isEmpty()) {
      variant = null;
    }
  }

  /**
   * Parses {@code os/arch[/variant]}.
   *
   * @param text for example {@code linux/amd64} or {@code linux/arm/v7}
   * @return the platform
   * @throws InvalidReferenceException (OAR-3) when the text has not two or three non-empty parts
   */
  public static Platform parse(String text) throws InvalidReferenceException {
    String[] parts = text.split("/", -1);
    boolean empty = false;
    for (String part : parts) {
      empty |= part.isEmpty();
    }
    if (parts.length < 2 || parts.length > 3 || empty) {
      throw new InvalidReferenceException(
          "OAR-3", "platform \"" + text + "\" is not os/arch[/variant], such as linux/amd64");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * Whether an index entry's platform is this one.
   *
   * @param os the entry's OS
   * @param architecture the entry's architecture
   * @param variant the entry's variant, or null
   * @return true when OS and architecture are equal and, if this platform names one, the variant
   */
  public boolean matches(String os, String architecture, String variant) {
    if (!this.os.equals(os) || !this.architecture.equals(architecture)) {
      return false;
    }
    return this.variant == null || normalVariant(this.variant).equals(normalVariant(variant));
  }

  private String normalVariant(String v) {
    if (v == null || v.isEmpty()) {
      return "arm64".equals(architecture) ? "v8" : "";
    }
    return v;
  }

  /**
   * The platform as written on the command line.
   *
   * @return {@code os/arch} or {@code os/arch/variant}
   */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
