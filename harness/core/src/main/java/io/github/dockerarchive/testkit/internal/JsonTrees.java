package io.github.dockerarchive.testkit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
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
      return read(parser, refuseTrailing);
    }
  }

  /**
   * Writes a tree as {@code ObjectMapper.writeValueAsBytes} does with its defaults (compact,
   * members in their order, numbers as their nodes hold them), through the streaming generator
   * alone.
   *
   * @param factory the generator factory
   * @param tree objects, arrays, strings, numbers, booleans and nulls
   * @return the UTF-8 bytes
   * @throws IllegalArgumentException for a binary or POJO node, which only a mapper can write
   */
  public static byte[] write(JsonFactory factory, JsonNode tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = factory.createGenerator(out)) {
      write(generator, tree);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("writing JSON to memory", e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          out.writeFieldName(member.getKey());
          write(out, member.getValue());
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode element : node) {
          write(out, element);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> writeNumber(out, node);
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL, MISSING -> out.writeNull();
      default ->
          throw new IllegalArgumentException(
              "a " + node.getNodeType() + " node needs an ObjectMapper to be written");
    }
  }

  private static void writeNumber(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.numberType()) {
      case INT -> out.writeNumber(node.intValue());
      case LONG -> out.writeNumber(node.longValue());
      case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
      case FLOAT -> out.writeNumber(node.floatValue());
      case DOUBLE -> out.writeNumber(node.doubleValue());
      case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
    }
  }

  /**
   * The tree of a document read as Go reads it, with the nodes {@link #read} gives for the same
   * text: members set in order (the last of duplicate keys wins, in the place of the first),
   * integers as the smallest of int, long and BigInteger that holds them, other numbers as doubles.
   * Built without recursion.
   *
   * @param document the document
   * @return its tree
   */
  public static JsonNode of(GoJsonValue document) {
    JsonNode root = leaf(document);
    Deque<Map.Entry<GoJsonValue, JsonNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry(document, root));
    while (!pending.isEmpty()) {
      Map.Entry<GoJsonValue, JsonNode> next = pending.pop();
      if (next.getKey() instanceof GoJsonValue.Obj obj) {
        ObjectNode object = (ObjectNode) next.getValue();
        for (Map.Entry<String, GoJsonValue> member : obj.members()) {
          JsonNode child = leaf(member.getValue());
          object.set(member.getKey(), child);
          pending.push(Map.entry(member.getValue(), child));
        }
      } else if (next.getKey() instanceof GoJsonValue.Arr arr) {
        ArrayNode array = (ArrayNode) next.getValue();
        for (GoJsonValue element : arr.elements()) {
          JsonNode child = leaf(element);
          array.add(child);
          pending.push(Map.entry(element, child));
        }
      }
    }
    return root;
  }

  /** A scalar's node, or an empty container to be filled. */
  private static JsonNode leaf(GoJsonValue value) {
    if (value instanceof GoJsonValue.Obj) {
      return NODES.objectNode();
    }
    if (value instanceof GoJsonValue.Arr) {
      return NODES.arrayNode();
    }
    if (value instanceof GoJsonValue.Str s) {
      return NODES.textNode(s.value());
    }
    if (value instanceof GoJsonValue.Bool b) {
      return NODES.booleanNode(b.value());
    }
    if (value instanceof GoJsonValue.Num n) {
      return number(n.text());
    }
    return NODES.nullNode();
  }

  private static JsonNode number(String literal) {
    if (literal.indexOf('.') >= 0 || literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0) {
      return NODES.numberNode(Double.parseDouble(literal));
    }
    BigInteger value = new BigInteger(literal);
    if (value.bitLength() < Integer.SIZE) {
      return NODES.numberNode(value.intValue());
    }
    if (value.bitLength() < Long.SIZE) {
      return NODES.numberNode(value.longValue());
    }
    return NODES.numberNode(value);
  }

  private static JsonNode read(JsonParser parser, boolean refuseTrailing) throws IOException {
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

  /**
   * The value that starts with {@code token}, built without recursion (an explicit stack of the
   * open containers), so the depth is bounded by the factory's nesting limit, not the thread stack.
   */
  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    Deque<ContainerNode<?>> open = new ArrayDeque<>();
    JsonNode done = null;
    for (JsonToken t = token; ; t = parser.nextToken()) {
      if (t == null) {
        throw new JsonParseException(parser, "Unexpected end-of-input");
      }
      JsonNode node;
      switch (t) {
        case START_OBJECT -> node = NODES.objectNode();
        case START_ARRAY -> node = NODES.arrayNode();
        case END_OBJECT, END_ARRAY -> {
          done = open.pop();
          if (open.isEmpty()) {
            return done;
          }
          continue;
        }
        case FIELD_NAME -> {
          continue;
        }
        default -> node = scalar(parser, t);
      }
      ContainerNode<?> parent = open.peek();
      if (parent instanceof ObjectNode object) {
        object.set(parser.currentName(), node);
      } else if (parent instanceof ArrayNode array) {
        array.add(node);
      }
      if (node instanceof ContainerNode<?> container) {
        open.push(container);
      } else if (parent == null) {
        return node;
      }
    }
  }

  private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
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
}
