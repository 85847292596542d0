package io.github.dockerarchive.testkit.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apiguardian.api.API;

/**
 * The rules of docs/rules.md (ID, level, summary), from the bundled {@code rules.tsv}. The DIA
 * rules carry no level there; reading a producer's dialect is checked at SHOULD.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Rules {
  private static final Map<String, Rule> RULES = load();

  private Rules() {}

  /**
   * Every rule, in the order of docs/rules.md.
   *
   * @return the rules
   */
  public static List<Rule> all() {
    return List.copyOf(RULES.values());
  }

  /**
   * The rule with an ID.
   *
   * @param id a rule ID such as {@code SEL-3}
   * @return the rule
   * @throws NoSuchElementException for an unknown ID
   */
  public static Rule byId(String id) {
    Rule rule = RULES.get(id);
    if (rule == null) {
      throw new NoSuchElementException(
          "no rule " + id + " in docs/rules.md; known: " + RULES.keySet());
    }
    return rule;
  }

  private static Map<String, Rule> load() {
    Map<String, Rule> rules = new LinkedHashMap<>();
    try (InputStream in = Rules.class.getResourceAsStream("rules.tsv");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 3);
        rules.put(f[0], new Rule(f[0], Level.valueOf(f[1]), f[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rules;
  }
}
