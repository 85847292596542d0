package io.github.dockerarchive.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import org.apiguardian.api.API;

/** Stream plumbing shared by the core's input streams. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Streams {
  private Streams() {}

  /**
   * Reads one byte through a stream's block read, for streams whose whole reading (checks, counts,
   * errors) is in {@link InputStream#read(byte[], int, int)}.
   *
   * @param in the stream
   * @return the byte as 0 to 255, or -1 at the end of the stream
   * @throws IOException what the block read throws
   */
  public static int readByte(InputStream in) throws IOException {
    byte[] one = new byte[1];
    int n = in.read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }
}
