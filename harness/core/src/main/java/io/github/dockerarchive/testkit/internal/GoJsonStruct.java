package io.github.dockerarchive.testkit.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Go's {@code encoding/json} rules for decoding an object into a struct, member by member, for the
 * Go-exact decoders: which struct field a key selects, and how a {@code []string} field is
 * overwritten when its key occurs more than once.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class GoJsonStruct {
  private GoJsonStruct() {}

  /**
   * The field a key selects: the exact name if one matches, else the first name equal to it under
   * Go's case folding (ASCII letters, plus U+017F for {@code s} and U+212A for {@code k}).
   *
   * @param names the struct's JSON field names, in declaration order
   * @param key the decoded key
   * @return the index of the field, or -1 for an unknown key (ignored)
   */
  public static int field(List<String> names, String key) {
    int exact = names.indexOf(key);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < names.size(); i++) {
      if (foldEquals(names.get(i), key)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Go's {@code equalFoldRight} / {@code asciiEqualFold} for an ASCII field name.
   *
   * @param name the field name (ASCII)
   * @param key the key
   * @return whether they match
   */
  static boolean foldEquals(String name, String key) {
    int k = 0;
    for (int i = 0; i < name.length(); i++) {
      if (k >= key.length()) {
        return false;
      }
      char n = name.charAt(i);
      char c = key.charAt(k++);
      if (c < 0x80) {
        if (n != c) {
          boolean letter = (n | 0x20) >= 'a' && (n | 0x20) <= 'z';
          if (!letter || (n | 0x20) != (c | 0x20)) {
            return false;
          }
        }
        continue;
      }
      if ((n == 's' || n == 'S') && c == '\u017f') {
        continue;
      }
      if ((n == 'k' || n == 'K') && c == '\u212a') {
        continue;
      }
      return false;
    }
    return k == key.length();
  }

  /**
   * A {@code []string} field as Go's decoder keeps it across repeated keys: decoding an array
   * reuses the backing array, so a {@code null} element leaves whatever was at that index, even
   * beyond the previous length.
   */
  public static final class StringSlice {
    private String[] backing = new String[0];
    private int length;
    private boolean nil = true;

    /** Go's {@code null} into a slice: nil. */
    public void setNil() {
      backing = new String[0];
      length = 0;
      nil = true;
    }

    /**
     * Starts decoding an array into the slice; call {@link #element} per element, then {@link
     * #end}.
     *
     * @param i the element index
     * @return the current value at {@code i} after Go's growth (possibly stale)
     */
    public String element(int i) {
      if (i >= backing.length) {
        int newCap = Math.max(4, backing.length + backing.length / 2);
        String[] grown = new String[newCap];
        Arrays.fill(grown, "");
        System.arraycopy(backing, 0, grown, 0, length);
        backing = grown;
      }
      if (i >= length) {
        length = i + 1;
      }
      nil = false;
      return backing[i];
    }

    /**
     * Stores a decoded element.
     *
     * @param i the index
     * @param value the string
     */
    public void set(int i, String value) {
      backing[i] = value;
    }

    /**
     * Ends an array of {@code count} elements.
     *
     * @param count the number of elements decoded
     */
    public void end(int count) {
      if (count < length) {
        length = count;
      }
      if (count == 0) {
        backing = new String[0];
        length = 0;
        nil = false;
      }
    }

    /**
     * The slice's elements.
     *
     * @return a copy, empty when nil
     */
    public List<String> toList() {
      List<String> out = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        out.add(backing[i] == null ? "" : backing[i]);
      }
      return out;
    }

    /**
     * Whether the slice is nil (never set, or set to {@code null}).
     *
     * @return true when nil
     */
    public boolean isNil() {
      return nil;
    }
  }
}
