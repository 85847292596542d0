package io.github.dockerarchive.testkit.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "digests are equal exactly when algorithm and hex are (written-out equals and hashCode)")
class DigestEqualityTest {
  private static final String HEX =
      "0b916d257bd406111a3fced53f81b47de9a30f7c7d514a89769b3483aaddca7e";

  @Test
  @DisplayName("the same parts, parsed or constructed, are equal with the same hash")
  void sameParts() throws Exception {
    Digest parsed = Digest.parse("sha256:" + HEX);
    Digest built = new Digest("sha256", HEX);
    assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
    assertThat(Set.of(parsed)).contains(built);
    Digest computed = Digest.sha256("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(computed).isEqualTo(Digest.parse(computed.toString()));
  }

  @Test
  @DisplayName("another hex part, another algorithm or another type is not equal")
  void differentParts() throws Exception {
    Digest digest = new Digest("sha256", HEX);
    assertThat(digest).isNotEqualTo(new Digest("sha256", HEX.replace('0', '1')));
    assertThat(digest)
        .isNotEqualTo(Digest.parse("sha512:" + HEX + HEX))
        .isNotEqualTo(digest.toString())
        .isNotEqualTo(null);
  }
}
