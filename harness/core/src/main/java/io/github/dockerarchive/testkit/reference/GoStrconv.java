package io.github.dockerarchive.testkit.reference;

/**
 * The two pieces of Go's {@code strconv} package that error texts of the reference implementation
 * depend on: {@code Atoi} (with the 64-bit {@code int} of the reference platform) and {@code Quote}
 * (what {@code %q} prints).
 */
final class GoStrconv {

  /** {@code maxUint64 / 10 + 1}: the first value whose multiplication by 10 overflows. */
  private static final long UINT64_CUTOFF = Long.divideUnsigned(-1L, 10) + 1;

  private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

  private GoStrconv() {}

  /**
   * A failed Go number conversion; its message is Go's {@code *strconv.NumError} text, for example
   * {@code strconv.Atoi: parsing "x": invalid syntax}.
   */
  static final class NumError extends Exception {
    private static final long serialVersionUID = 1L;

    private NumError(String input, String problem) {
      super("strconv.Atoi: parsing " + quote(input) + ": " + problem, null, false, false);
    }
  }

  /**
   * Go's {@code strconv.Atoi} on a 64-bit platform: an optional {@code +} or {@code -}, then one or
   * more ASCII digits, nothing else (no spaces, no underscores). Leading zeros are allowed. Errors
   * are reported in the same order as Go finds them: a bad character before an overflow is a syntax
   * error, an overflow before a bad character is a range error.
   *
   * @param s the text
   * @return the value
   * @throws NumError with Go's "invalid syntax" or "value out of range" text
   */
  static long atoi(String s) throws NumError {
    if (s.isEmpty()) {
      throw new NumError(s, "invalid syntax");
    }
    boolean negative = false;
    int i = 0;
    char first = s.charAt(0);
    if (first == '+' || first == '-') {
      negative = first == '-';
      i = 1;
      if (s.length() == 1) {
        throw new NumError(s, "invalid syntax");
      }
    }
    long n = 0; // unsigned, as in strconv.ParseUint
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumError(s, "invalid syntax");
      }
      if (Long.compareUnsigned(n, UINT64_CUTOFF) >= 0) {
        throw new NumError(s, "value out of range");
      }
      n *= 10;
      long next = n + (c - '0');
      if (Long.compareUnsigned(next, n) < 0) {
        throw new NumError(s, "value out of range");
      }
      n = next;
    }
    // Long.MIN_VALUE read as unsigned is 1 << 63.
    int toLimit = Long.compareUnsigned(n, Long.MIN_VALUE);
    if ((!negative && toLimit >= 0) || (negative && toLimit > 0)) {
      throw new NumError(s, "value out of range");
    }
    return negative ? -n : n;
  }

  /**
   * Go's {@code strconv.Quote}: double quotes around the text, with {@code \a \b \f \n \r \t \v \\
   * \"} escaped, other control and non-printable characters as Go's hex escapes (backslash and
   * {@code xNN}, {@code uNNNN} or {@code UNNNNNNNN}), and printable characters kept as they are.
   *
   * @param s the text
   * @return the quoted text
   */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      appendEscaped(out, r);
    }
    return out.append('"').toString();
  }

  private static void appendEscaped(StringBuilder out, int r) {
    switch (r) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0b -> out.append("\\v");
      default -> {
        if (isPrint(r)) {
          out.appendCodePoint(r);
        } else if (r < ' ' || r == 0x7f) {
          out.append("\\x").append(LOWER_HEX[r >> 4]).append(LOWER_HEX[r & 0xf]);
        } else {
          int rune = Character.isSurrogate((char) r) && r < 0x10000 ? 0xfffd : r;
          if (rune < 0x10000) {
            appendHex(out.append("\\u"), rune, 4);
          } else {
            appendHex(out.append("\\U"), rune, 8);
          }
        }
      }
    }
  }

  private static void appendHex(StringBuilder out, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(LOWER_HEX[(value >> shift) & 0xf]);
    }
  }

  /**
   * Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space.
   */
  private static boolean isPrint(int r) {
    if (r == ' ') {
      return true;
    }
    if (Character.isSurrogate((char) r) && r < 0x10000) {
      return false;
    }
    return switch (Character.getType(r)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
