package io.github.dockerarchive.testkit.archive;

/** The pieces of Go's {@code strconv} and {@code unicode/utf8} that the Go-exact readers need. */
final class GoStrconvBits {
  private GoStrconvBits() {}

  /** {@code strconv.ParseInt(s, 10, 64)}: null where Go returns an error. */
  static Long parseInt(String s) {
    if (s.isEmpty()) {
      return null;
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      return null;
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long result = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      if (result < limit / 10 || result * 10 < limit + (c - '0')) {
        return null;
      }
      result = result * 10 - (c - '0');
    }
    return negative ? result : -result;
  }

  /** {@code strconv.ParseUint(s, 8, 64)}: null where Go returns an error. */
  static Long parseUintOctal(String s) {
    if (s.isEmpty()) {
      return null;
    }
    long result = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return null;
      }
      if ((result >>> 61) != 0) {
        return null;
      }
      result = result << 3 | (c - '0');
    }
    // Go's ParseUint into 64 bits, then int64(x): values above MaxInt64 wrap; keep the bits.
    return result;
  }

  /** Whether archive/tar's {@code parsePAXTime} accepts {@code s}. */
  static boolean isPaxTime(String s) {
    int dot = s.indexOf('.');
    String seconds = dot < 0 ? s : s.substring(0, dot);
    if (parseInt(seconds) == null) {
      return false;
    }
    if (dot < 0) {
      return true;
    }
    String fraction = s.substring(dot + 1);
    return fraction.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * {@code utf8.DecodeRune} of a multi-byte sequence at {@code i}: the code point, or -1 where Go
   * returns {@code RuneError} with width 1.
   */
  static int decodeRune(byte[] b, int i) {
    int c0 = b[i] & 0xff;
    int n;
    int cp;
    int lo = 0x80;
    int hi = 0xBF;
    if (c0 >= 0xC2 && c0 <= 0xDF) {
      n = 2;
      cp = c0 & 0x1F;
    } else if (c0 >= 0xE0 && c0 <= 0xEF) {
      n = 3;
      cp = c0 & 0x0F;
      if (c0 == 0xE0) {
        lo = 0xA0;
      } else if (c0 == 0xED) {
        hi = 0x9F;
      }
    } else if (c0 >= 0xF0 && c0 <= 0xF4) {
      n = 4;
      cp = c0 & 0x07;
      if (c0 == 0xF0) {
        lo = 0x90;
      } else if (c0 == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return -1;
    }
    if (i + n > b.length) {
      return -1;
    }
    for (int k = 1; k < n; k++) {
      int c = b[i + k] & 0xff;
      if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) {
        return -1;
      }
      cp = cp << 6 | (c & 0x3F);
    }
    return cp;
  }
}
