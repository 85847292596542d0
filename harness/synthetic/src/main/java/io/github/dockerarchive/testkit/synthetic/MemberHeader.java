package io.github.dockerarchive.testkit.synthetic;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * How a layer-tar member's header is written: its format, the encoding of its name, and extra PAX
 * records. Combine freely with any {@link FileSpec}: a long name through GNU headers, a Latin-1
 * name in a plain ustar header, a PAX record with an empty value.
 *
 * <pre>{@code
 * FileSpec f = FileSpec.file("etc/app.conf", 10)
 *     .withHeader(MemberHeader.of(MemberFormat.PAX).withPaxRecord("mtime", "1.5"));
 * }</pre>
 *
 * @param format how the header is written
 * @param encoding the bytes of the name and link target ({@link NameEncoding#LATIN_1} needs the
 *     {@link MemberFormat#USTAR} or {@link MemberFormat#GNU} format, which store raw bytes)
 * @param paxRecords records added to the PAX header, sorted by key; a record named {@code path} or
 *     {@code linkpath} replaces the one the writer makes (an empty value included: Go's reader then
 *     keeps the ustar field); only for {@link MemberFormat#PAX}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MemberHeader(
    MemberFormat format, NameEncoding encoding, Map<String, String> paxRecords) {

  /** How the synthetic engine writes members unless told otherwise. */
  public static final MemberHeader DEFAULT =
      new MemberHeader(MemberFormat.COMMONS, NameEncoding.UTF_8, Map.of());

  /**
   * Fills defaults for null values, sorts and copies the records, and checks that they fit the
   * format.
   *
   * @param format how the header is written
   * @param encoding the bytes of the name and link target
   * @param paxRecords records added to the PAX header
   * @throws IllegalArgumentException when the encoding or the records do not fit the format
   */
  public MemberHeader {
    format = format == null ? MemberFormat.COMMONS : format;
    encoding = encoding == null ? NameEncoding.UTF_8 : encoding;
    paxRecords =
        paxRecords == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(paxRecords)));
    if (encoding == NameEncoding.LATIN_1
        && format != MemberFormat.USTAR
        && format != MemberFormat.GNU) {
      throw new IllegalArgumentException(
          "member header: encoding latin-1 needs format ustar or gnu, got "
              + format.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!paxRecords.isEmpty() && format != MemberFormat.PAX) {
      throw new IllegalArgumentException(
          "member header: PAX records "
              + paxRecords.keySet()
              + " need format pax, got "
              + format.name().toLowerCase(java.util.Locale.ROOT));
    }
    for (String key : paxRecords.keySet()) {
      if (key.isEmpty() || key.contains("=") || key.contains("\n")) {
        throw new IllegalArgumentException(
            "member header: PAX record key \"" + key + "\" is empty or holds '=' or a newline");
      }
    }
  }

  /**
   * A header of the given format, UTF-8 names, no extra records.
   *
   * @param format the format
   * @return the header
   */
  public static MemberHeader of(MemberFormat format) {
    return new MemberHeader(format, NameEncoding.UTF_8, Map.of());
  }

  /**
   * The same header with names in another encoding.
   *
   * @param value the encoding
   * @return the changed header
   */
  public MemberHeader withEncoding(NameEncoding value) {
    return new MemberHeader(format, value, paxRecords);
  }

  /**
   * The same header with one more PAX record (replacing one of the same key).
   *
   * @param key the record's key, for example {@code mtime}
   * @param value its value, possibly empty
   * @return the changed header
   */
  public MemberHeader withPaxRecord(String key, String value) {
    Map<String, String> more = new TreeMap<>(paxRecords);
    more.put(key, value);
    return new MemberHeader(format, encoding, more);
  }

  /**
   * Whether this is {@link #DEFAULT}.
   *
   * @return true for the engine's usual header
   */
  public boolean isDefault() {
    return equals(DEFAULT);
  }
}
