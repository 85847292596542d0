package io.github.dockerarchive.testkit.reference;

/**
 * The reference grammar of Go's {@code distribution/reference} ({@code regexp.go}), written as
 * hand-made matchers instead of regular expressions so that long input cannot overflow the stack of
 * a backtracking matcher. Each matcher accepts exactly the strings the anchored Go expression
 * accepts, and {@link #match} makes the same split into name, tag and digest:
 *
 * <pre>
 * reference       := name [ ":" tag ] [ "@" digest ]
 * name            := [domain "/"] remote-name
 * domain          := host [":" port-number]
 * host            := domain-name | "[" [a-fA-F0-9:]+ "]"
 * domain-name     := domain-component ("." domain-component)*
 * domain-component:= [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * port-number     := [0-9]+
 * remote-name     := path-component ("/" path-component)*
 * path-component  := [a-z0-9]+ ((?:[._]|__|[-]+) [a-z0-9]+)*
 * tag             := [\w][\w.-]{0,127}
 * digest          := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)* ":" [0-9a-fA-F]{32,}
 * identifier      := [a-f0-9]{64}
 * </pre>
 */
final class ReferenceGrammar {

  /** The longest tag the grammar accepts. */
  static final int MAX_TAG_LENGTH = 128;

  private ReferenceGrammar() {}

  /**
   * The parts of a reference string that matched the grammar.
   *
   * @param domain the domain, or {@code ""} when the name has none
   * @param path the remote name
   * @param tag the tag, or {@code null}
   * @param digest the digest text (not yet validated as a digest), or {@code null}
   */
  record Parts(String domain, String path, String tag, String digest) {}

  /**
   * Matches {@code ^(name)(?::(tag))?(?:@(digest))?$} and splits the name into domain and path the
   * way {@code anchoredNameRegexp} does.
   *
   * @param s the whole reference
   * @return the parts, or {@code null} when the string does not match
   */
  static Parts match(String s) {
    // '@' occurs in neither a name nor a tag, so the first one starts the digest.
    String rest = s;
    String digest = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = s.substring(at + 1);
      if (!isDigest(digest)) {
        return null;
      }
      rest = s.substring(0, at);
    }
    // A ':' in a name only starts a port, which a '/' always follows; a tag has no '/'.
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && rest.indexOf('/', colon) < 0) {
      tag = rest.substring(colon + 1);
      if (!isTag(tag)) {
        return null;
      }
      rest = rest.substring(0, colon);
    }
    // The optional domain is tried first, as the greedy Go expression does.
    int slash = rest.indexOf('/');
    if (slash >= 0
        && isDomainAndPort(rest, 0, slash)
        && isRemoteName(rest, slash + 1, rest.length())) {
      return new Parts(rest.substring(0, slash), rest.substring(slash + 1), tag, digest);
    }
    if (isRemoteName(rest, 0, rest.length())) {
      return new Parts("", rest, tag, digest);
    }
    return null;
  }

  /**
   * Whether the whole string is a tag: {@code [\w][\w.-]{0,127}}.
   *
   * @param s the text
   * @return true if it is a tag
   */
  static boolean isTag(String s) {
    if (s.isEmpty() || s.length() > MAX_TAG_LENGTH || !isWordChar(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isWordChar(c) && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the whole string is a 64-digit lower-case hex identifier (an image ID without its
   * algorithm).
   *
   * @param s the text
   * @return true if it is an identifier
   */
  static boolean isIdentifier(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** {@code digestPat}: the shape of a digest; the algorithm and length are checked later. */
  static boolean isDigest(String s) {
    int colon = s.indexOf(':');
    if (colon < 0) {
      return false;
    }
    int i = 0;
    while (true) {
      if (i >= colon || !isAsciiLetter(s.charAt(i))) {
        return false;
      }
      i++;
      while (i < colon && (isAsciiLetter(s.charAt(i)) || isDigit(s.charAt(i)))) {
        i++;
      }
      if (i == colon) {
        break;
      }
      char separator = s.charAt(i);
      if (separator != '-' && separator != '_' && separator != '+' && separator != '.') {
        return false;
      }
      i++;
    }
    int hexLength = s.length() - colon - 1;
    if (hexLength < 32) {
      return false;
    }
    for (int j = colon + 1; j < s.length(); j++) {
      if (!isHexDigit(s.charAt(j))) {
        return false;
      }
    }
    return true;
  }

  /** {@code domainAndPort} over {@code s[from, to)}. */
  static boolean isDomainAndPort(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    int hostEnd;
    if (s.charAt(from) == '[') {
      int close = s.indexOf(']', from);
      if (close < 0 || close >= to || close == from + 1) {
        return false;
      }
      for (int i = from + 1; i < close; i++) {
        char c = s.charAt(i);
        if (!isHexDigit(c) && c != ':') {
          return false;
        }
      }
      hostEnd = close + 1;
    } else {
      hostEnd = indexOf(s, ':', from, to);
      if (!isDomainName(s, from, hostEnd)) {
        return false;
      }
    }
    if (hostEnd == to) {
      return true;
    }
    if (s.charAt(hostEnd) != ':' || hostEnd + 1 == to) {
      return false;
    }
    for (int i = hostEnd + 1; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code domainName}: dot-separated components of letters, digits and inner hyphens. */
  private static boolean isDomainName(String s, int from, int to) {
    int start = from;
    while (true) {
      int end = indexOf(s, '.', start, to);
      if (!isDomainComponent(s, start, end)) {
        return false;
      }
      if (end == to) {
        return true;
      }
      start = end + 1;
    }
  }

  private static boolean isDomainComponent(String s, int from, int to) {
    if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isAsciiLetter(c) && !isDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code remoteName}: slash-separated path components. */
  static boolean isRemoteName(String s, int from, int to) {
    int start = from;
    while (true) {
      int end = indexOf(s, '/', start, to);
      if (!isPathComponent(s, start, end)) {
        return false;
      }
      if (end == to) {
        return true;
      }
      start = end + 1;
    }
  }

  /** {@code [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*} over {@code s[from, to)}. */
  private static boolean isPathComponent(String s, int from, int to) {
    int i = skipLowerAlphanumerics(s, from, to);
    if (i == from) {
      return false;
    }
    while (i < to) {
      char c = s.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '_') {
        i++;
        if (i < to && s.charAt(i) == '_') {
          i++;
        }
      } else if (c == '-') {
        while (i < to && s.charAt(i) == '-') {
          i++;
        }
      } else {
        return false;
      }
      int runStart = i;
      i = skipLowerAlphanumerics(s, i, to);
      if (i == runStart) {
        return false;
      }
    }
    return true;
  }

  private static int skipLowerAlphanumerics(String s, int from, int to) {
    int i = from;
    while (i < to && ((s.charAt(i) >= 'a' && s.charAt(i) <= 'z') || isDigit(s.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static int indexOf(String s, char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i < 0 || i > to ? to : i;
  }

  private static boolean isWordChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '_';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
