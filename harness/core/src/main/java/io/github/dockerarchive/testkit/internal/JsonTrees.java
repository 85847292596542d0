package io.github.dockerarchive.testkit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * Reads JSON documents into Jackson trees with the streaming parser alone. The trees are those
 * {@code ObjectMapper.readTree} builds (the last of duplicate keys wins, integers as the smallest
 * of int, long and BigInteger that holds them, other numbers as doubles), without an {@code
 * ObjectMapper}: setting one up loads and initialises enough classes to be most of a short
 * command's start-up.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JsonTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /**
   * Parses one JSON document.
   *
   * @param factory the parser factory, with its read constraints (nesting, lengths)
   * @param json the bytes
   * @param refuseTrailing whether anything but whitespace after the value is an error
   * @return the root node, a null node for a literal {@code null}, or null when the bytes hold no
   *     value at all
   * @throws IOException the parser's error when the bytes are not JSON
   */
  public static JsonNode read(JsonFactory factory, byte[] json, boolean refuseTrailing)
      throws IOException {
    try (JsonParser parser = factory.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      JsonNode root = value(parser, first);
      if (refuseTrailing) {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
          throw new JsonParseException(
              parser, "Trailing token (of type " + trailing + ") found after value");
        }
      }
      return root;
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        return object(parser);
      case START_ARRAY:
        return array(parser);
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return integer(parser);
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
            ? NODES.numberNode(parser.getDecimalValue())
            : NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(parser, "Unexpected token (" + token + ")");
    }
  }

  private static JsonNode integer(JsonParser parser) throws IOException {
    switch (parser.getNumberType()) {
      case INT:
        return NODES.numberNode(parser.getIntValue());
      case LONG:
        return NODES.numberNode(parser.getLongValue());
      default:
        return NODES.numberNode(parser.getBigIntegerValue());
    }
  }

  private static ObjectNode object(JsonParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String name = parser.currentName();
      object.set(name, value(parser, parser.nextToken()));
    }
    return object;
  }

  private static ArrayNode array(JsonParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      array.add(value(parser, t));
    }
    return array;
  }
}
