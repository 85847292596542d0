package io.github.dockerarchive.testkit.generators;

import java.nio.charset.StandardCharsets;

/**
 * How a generated entry is named. {@link #SHORT} comes first: it is what shrinking reaches. Every
 * style puts the entry's index into the name, so the names of one layer never collide.
 */
enum PathStyle {
  /** {@code file-3}: fits any tar header. */
  SHORT,
  /** Fifteen to forty-five directories deep. */
  DEEP,
  /** One name component over 100 bytes: needs a PAX or GNU long name. */
  LONG_NAME,
  /** A path of exactly 100 bytes: fills the ustar name field, with no terminating NUL. */
  EXACTLY_100_BYTES,
  /** Over 255 bytes in components under 100: too long even for the ustar prefix field. */
  PAX_ONLY,
  /** Non-ASCII UTF-8 (accents, CJK, an emoji): a PAX {@code path} record. */
  UNICODE;

  /**
   * The path of entry {@code index} in its layer.
   *
   * @param prefix what the entry is, for example {@code file} or {@code link}
   * @param index the entry's position in its layer
   * @param variant a small number varying lengths and depths
   */
  String render(String prefix, int index, int variant) {
    String base = prefix + "-" + index;
    return switch (this) {
      case SHORT -> base;
      case DEEP -> "deep/" + "d/".repeat(15 + variant % 31) + base;
      case LONG_NAME -> base + "-" + "l".repeat(101 + variant % 100);
      case EXACTLY_100_BYTES -> padTo100("hundred/" + base + "-");
      case PAX_ONLY -> ("p".repeat(90) + "/").repeat(3) + base;
      case UNICODE -> "ünïcødé-日本語/" + base + "-ñ-😀";
    };
  }

  private static String padTo100(String start) {
    int bytes = start.getBytes(StandardCharsets.UTF_8).length;
    return start + "x".repeat(Math.max(0, 100 - bytes));
  }
}
