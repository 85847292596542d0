package io.github.dockerarchive.testkit.archive;

/** The pieces of Go's {@code strconv} that the Go-exact tar reader needs. */
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
}
