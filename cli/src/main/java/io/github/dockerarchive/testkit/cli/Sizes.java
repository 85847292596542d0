package io.github.dockerarchive.testkit.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Byte sizes on the command line: a whole number with an optional unit, binary ({@code KiB}, {@code
 * MiB}, {@code GiB}, {@code TiB}, or {@code K}, {@code M}, {@code G}, {@code T}) or decimal ({@code
 * kB}, {@code MB}, {@code GB}, {@code TB}); {@code B} or no unit for bytes.
 */
final class Sizes implements ITypeConverter<Long> {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

  @Override
  public Long convert(String value) {
    return parse(value);
  }

  /**
   * Parses a size.
   *
   * @param text for example {@code 512}, {@code 10MiB} or {@code 1GiB}
   * @return the size in bytes
   * @throws TypeConversionException naming the accepted forms
   */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw invalid(text);
    }
    long factor =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "", "b" -> 1L;
          case "k", "kib" -> 1L << 10;
          case "m", "mib" -> 1L << 20;
          case "g", "gib" -> 1L << 30;
          case "t", "tib" -> 1L << 40;
          case "kb" -> 1_000L;
          case "mb" -> 1_000_000L;
          case "gb" -> 1_000_000_000L;
          case "tb" -> 1_000_000_000_000L;
          default -> throw invalid(text);
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("size \"" + text + "\" is too large");
    }
  }

  private static TypeConversionException invalid(String text) {
    return new TypeConversionException(
        "invalid size \""
            + text
            + "\": expected a whole number with an optional unit (B, KiB, MiB, GiB, TiB, kB, MB,"
            + " GB, TB), for example 512, 10MiB or 1GiB");
  }
}
