package io.github.dockerarchive.testkit.digest;

import io.github.dockerarchive.testkit.InvalidReferenceException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A content digest such as {@code sha256:0b916d...}, validated as go-digest does: a known algorithm
 * (sha256, sha384, sha512) and a lower-case hex part of exactly the algorithm's length.
 *
 * @param algorithm the algorithm name, for example {@code sha256}
 * @param hex the encoded part, lower-case hex
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Digest(String algorithm, String hex) {

  /** The algorithm used for every digest this library computes. */
  public static final String SHA256 = "sha256";

  /**
   * Validates the parts.
   *
   * @param algorithm the algorithm name
   * @param hex the encoded part
   */
  public Digest {
    if (algorithm == null || hex == null) {
      throw new IllegalArgumentException("digest parts must not be null");
    }
    String problem = problem(algorithm, hex);
    if (problem != null) {
      throw new IllegalArgumentException(problem + ": " + algorithm + ":" + hex);
    }
  }

  /**
   * Parses {@code algorithm:hex}.
   *
   * @param text the digest text
   * @return the digest
   * @throws InvalidReferenceException with go-digest's error text when the text is not a valid
   *     digest
   */
  public static Digest parse(String text) throws InvalidReferenceException {
    if (text == null) {
      throw new InvalidReferenceException(null, "invalid checksum digest format: null");
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidReferenceException(null, "invalid checksum digest format: \"" + text + "\"");
    }
    String algorithm = text.substring(0, colon);
    String hex = text.substring(colon + 1);
    String problem = problem(algorithm, hex);
    if (problem != null) {
      throw new InvalidReferenceException(null, problem + ": \"" + text + "\"");
    }
    return new Digest(algorithm, hex);
  }

  /**
   * Whether {@code text} is a valid digest.
   *
   * @param text the text to check
   * @return true if {@link #parse(String)} would accept it
   */
  public static boolean isValid(String text) {
    if (text == null) {
      return false;
    }
    int colon = text.indexOf(':');
    return colon > 0 && problem(text.substring(0, colon), text.substring(colon + 1)) == null;
  }

  /**
   * The sha256 digest of some bytes.
   *
   * @param bytes the bytes
   * @return {@code sha256:<hex>} of the bytes
   */
  public static Digest sha256(byte[] bytes) {
    return ofSha256(newSha256().digest(bytes));
  }

  /**
   * A digest made from a finished sha256 hash.
   *
   * @param hash the 32 bytes of a sha256 hash
   * @return the digest
   */
  public static Digest ofSha256(byte[] hash) {
    return new Digest(SHA256, HexFormat.of().formatHex(hash));
  }

  /**
   * A new {@link MessageDigest} for sha256.
   *
   * @return a fresh sha256 instance
   */
  public static MessageDigest newSha256() {
    return newMessageDigest(SHA256);
  }

  /**
   * A new {@link MessageDigest} for this digest's algorithm.
   *
   * @return a fresh instance
   */
  public MessageDigest newMessageDigest() {
    return newMessageDigest(algorithm);
  }

  /**
   * A digest made from a finished hash.
   *
   * @param algorithm the algorithm that made the hash
   * @param hash the hash bytes
   * @return the digest
   */
  public static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  /**
   * The digest of a finished hash of this digest's algorithm.
   *
   * @param hash the hash bytes
   * @return a digest with this algorithm and those bytes
   */
  public Digest withHash(byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  /**
   * A new {@link MessageDigest} for an algorithm name as digests spell it.
   *
   * @param algorithm {@code sha256}, {@code sha384} or {@code sha512}
   * @return a fresh instance
   * @throws IllegalArgumentException for any other algorithm
   */
  public static MessageDigest newMessageDigest(String algorithm) {
    String javaName =
        switch (algorithm) {
          case "sha256" -> "SHA-256";
          case "sha384" -> "SHA-384";
          case "sha512" -> "SHA-512";
          default ->
              throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
    try {
      return MessageDigest.getInstance(javaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + javaName, e);
    }
  }

  private static String problem(String algorithm, String hex) {
    int length =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha384" -> 96;
          case "sha512" -> 128;
          default -> -1;
        };
    if (length < 0) {
      return algorithm.matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*")
          ? "unsupported digest algorithm"
          : "invalid checksum digest format";
    }
    if (hex.length() != length) {
      return "invalid checksum digest length";
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return "invalid checksum digest format";
      }
    }
    return null;
  }

  /**
   * Equal when both parts are. Written out rather than generated: a record's generated methods are
   * bootstrapped on first use, which costs a short command (such as {@code dockerarchive inspect},
   * which compares digests) milliseconds of start-up.
   *
   * @param other the object to compare
   * @return whether it is a digest with the same algorithm and hex part
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Digest d && algorithm.equals(d.algorithm) && hex.equals(d.hex);
  }

  /**
   * A hash of both parts, consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + hex.hashCode();
  }

  /**
   * The digest as {@code algorithm:hex}.
   *
   * @return the canonical text
   */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  /**
   * A short form for messages: the algorithm and the first 12 hex digits.
   *
   * @return for example {@code sha256:0b916d257bd4}
   */
  public String shortForm() {
    return algorithm + ":" + hex.substring(0, 12).toLowerCase(Locale.ROOT);
  }
}
