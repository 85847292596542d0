package io.github.dockerarchive.testkit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One copy, in skopeo's syntax: {@code docker-archive:PATH[:REF|:@N]}, {@code oci:DIR[:REF]} or
 * {@code dir:DIR} for every end.
 *
 * @param sources one source, or several with {@code multi}
 * @param destination the destination
 * @param multi whether all sources go into one archive ({@code copy --multi})
 * @param layout the archive layout asked for ({@code docker-hybrid}), or empty for the default
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CopyRequest(
    List<String> sources, String destination, boolean multi, Optional<String> layout) {
  /**
   * Copies the lists and checks the shape.
   *
   * @param sources one source, or several with {@code multi}
   * @param destination the destination
   * @param multi whether all sources go into one archive ({@code copy --multi})
   * @param layout the archive layout asked for ({@code docker-hybrid}), or empty for the default
   */
  public CopyRequest {
    sources = List.copyOf(sources);
    if (sources.isEmpty() || (!multi && sources.size() != 1)) {
      throw new IllegalArgumentException(
          "a copy needs one source, or several with multi; got " + sources);
    }
  }

  /**
   * A copy of one image.
   *
   * @param source the source
   * @param destination the destination
   * @return the request
   */
  public static CopyRequest of(String source, String destination) {
    return new CopyRequest(List.of(source), destination, false, Optional.empty());
  }

  /**
   * A copy of several images into one archive.
   *
   * @param sources the sources, in order
   * @param destination a {@code docker-archive:} destination
   * @return the request
   */
  public static CopyRequest multi(List<String> sources, String destination) {
    return new CopyRequest(sources, destination, true, Optional.empty());
  }

  /**
   * This request with a layout option.
   *
   * @param name the layout ({@code docker-hybrid})
   * @return the new request
   */
  public CopyRequest withLayout(String name) {
    return new CopyRequest(sources, destination, multi, Optional.of(name));
  }

  /**
   * The arguments of the command-line protocol: {@code copy [--multi] [--layout L] SRC... DST}.
   *
   * @return the arguments after the adapter's name
   */
  public List<String> arguments() {
    List<String> args = new ArrayList<>();
    args.add("copy");
    if (multi) {
      args.add("--multi");
    }
    layout.ifPresent(
        l -> {
          args.add("--layout");
          args.add(l);
        });
    args.addAll(sources);
    args.add(destination);
    return args;
  }

  @Override
  public String toString() {
    return String.join(" ", arguments());
  }
}
