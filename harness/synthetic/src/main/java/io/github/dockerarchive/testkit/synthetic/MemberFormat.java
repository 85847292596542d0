package io.github.dockerarchive.testkit.synthetic;

import org.apiguardian.api.API;

/**
 * How the header of one layer-tar member ({@link FileSpec}) is written. Every format but {@link
 * #COMMONS} is encoded with the core's tar header builder ({@link
 * io.github.dockerarchive.testkit.tar.TarHeader}) in Go's number style, with the name and link
 * target exactly as given (a leading {@code /}, {@code ./} or {@code ..} is kept).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum MemberFormat {
  /**
   * As the synthetic engine has always written members: Apache commons-compress, a PAX header only
   * for a name or link target over 100 bytes or not ASCII, a leading {@code /} dropped.
   */
  COMMONS,
  /**
   * A plain ustar header: a name over 100 bytes is split at a {@code /} into the 155-byte prefix
   * field and the 100-byte name field (a name that cannot be split is refused); a link target must
   * fit its 100 bytes.
   */
  USTAR,
  /**
   * A PAX extended header ({@code x}, named {@code dir/PaxHeaders.0/base} as Go names it) before
   * the ustar header, always carrying a {@code path} record (and {@code linkpath} for links) plus
   * the {@link MemberHeader#paxRecords()}; the ustar name and link fields hold the first 100 bytes,
   * as Go writes them.
   */
  PAX,
  /**
   * GNU headers: the GNU magic ({@code "ustar \0"}), and a name or link target over 100 bytes
   * written in a {@code ././@LongLink} entry of type {@code L} or {@code K} before the header, the
   * header's own fields holding the first 100 bytes.
   */
  GNU
}
