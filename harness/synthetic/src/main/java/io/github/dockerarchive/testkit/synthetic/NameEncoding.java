package io.github.dockerarchive.testkit.synthetic;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * The bytes a layer-tar member's name and link target are written in. Tar headers carry bytes, not
 * text: Go's {@code archive/tar} (Docker, containerd, containers/storage) passes them on unchanged,
 * so a name need not be UTF-8.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum NameEncoding {
  /** UTF-8, as every image builder writes names. */
  UTF_8(StandardCharsets.UTF_8),
  /** ISO-8859-1 (one byte per character up to U+00FF), as old tars of Latin-1 file systems hold. */
  LATIN_1(StandardCharsets.ISO_8859_1);

  private final Charset charset;

  NameEncoding(Charset charset) {
    this.charset = charset;
  }

  /**
   * The charset.
   *
   * @return the charset names are encoded with
   */
  public Charset charset() {
    return charset;
  }

  /**
   * The encoding's name in spec files.
   *
   * @return for example {@code latin-1}
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
