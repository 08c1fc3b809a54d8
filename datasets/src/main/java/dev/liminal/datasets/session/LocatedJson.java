package dev.liminal.datasets.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.liminal.datasets.RecordingFormatException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON tree whose every value remembers where it started (byte offset, line, column), so a
 * value that parses but does not validate ("rating 150 is outside 0-100") is reported at its
 * place in the file. Built with Jackson's streaming parser, which bounds nesting depth and
 * string length; duplicate keys are rejected. Immutable once parsed; thread-safe.
 */
final class LocatedJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** What a value is. */
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    /** The file the tree came from (for messages), or null. */
    private final Path file;

    private LocatedJson(Path file) {
        this.file = file;
    }

    /**
     * Parses one JSON document.
     *
     * @param file  named in errors (may be null)
     * @param bytes UTF-8 JSON; Not modified
     * @param what  what the document is, for messages, e.g. {@code "session sidecar"}
     * @throws RecordingFormatException on a syntax error, trailing content or a non-object root
     */
    static Node parse(Path file, byte[] bytes, String what) throws RecordingFormatException {
        LocatedJson owner = new LocatedJson(file);
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new RecordingFormatException(file, 0, what + " is empty");
            }
            Node root = owner.read(p);
            if (p.nextToken() != null) {
                throw owner.error(p.currentTokenLocation(), "unexpected content after the " + what);
            }
            if (root.kind != Kind.OBJECT) {
                throw root.error(what + " must be a JSON object, found " + root.describe());
            }
            return root;
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw owner.error(at, "malformed JSON: " + e.getOriginalMessage().replace('\n', ' '), e);
        } catch (RecordingFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new RecordingFormatException(file, RecordingFormatException.NO_OFFSET, "cannot parse " + what
                    + ": " + e.getMessage(), e);
        }
    }

    private Node read(JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    members.put(key, read(p));
                }
                return new Node(this, at, Kind.OBJECT, Collections.unmodifiableMap(members), null, 0);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new Node(this, at, Kind.ARRAY, null, Collections.unmodifiableList(items), 0);
            }
            case VALUE_STRING:
                return new Node(this, at, Kind.STRING, null, null, 0, p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node(this, at, Kind.NUMBER, null, null, p.getValueAsDouble(), p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node(this, at, Kind.BOOLEAN, null, null, 0, p.getText());
            case VALUE_NULL:
                return new Node(this, at, Kind.NULL, null, null, 0);
            default:
                throw error(at, "unexpected " + t);
        }
    }

    RecordingFormatException error(JsonLocation at, String problem) {
        return error(at, problem, null);
    }

    RecordingFormatException error(JsonLocation at, String problem, Throwable cause) {
        long offset = at == null ? RecordingFormatException.NO_OFFSET : at.getByteOffset();
        if (offset < 0 && at != null) offset = at.getCharOffset();
        String where = at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + " column " + at.getColumnNr() + ": ";
        return new RecordingFormatException(file, offset < 0 ? RecordingFormatException.NO_OFFSET : offset,
                where + problem, cause);
    }

    /** One value and where it starts. Immutable. */
    static final class Node {
        private final LocatedJson owner;
        private final JsonLocation at;
        final Kind kind;
        private final Map<String, Node> members;
        private final List<Node> items;
        private final double number;
        private final String text;

        private Node(LocatedJson owner, JsonLocation at, Kind kind, Map<String, Node> members, List<Node> items,
                     double number) {
            this(owner, at, kind, members, items, number, null);
        }

        private Node(LocatedJson owner, JsonLocation at, Kind kind, Map<String, Node> members, List<Node> items,
                     double number, String text) {
            this.owner = owner;
            this.at = at;
            this.kind = kind;
            this.members = members;
            this.items = items;
            this.number = number;
            this.text = text;
        }

        /** An error located at this value. */
        RecordingFormatException error(String problem) {
            return owner.error(at, problem);
        }

        /** An error located at this value, keeping its cause. */
        RecordingFormatException error(String problem, Throwable cause) {
            return owner.error(at, problem, cause);
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        String describe() {
            switch (kind) {
                case STRING: return "string \"" + text + "\"";
                case NUMBER: return "number " + text;
                case BOOLEAN: return text;
                case NULL: return "null";
                case ARRAY: return "an array";
                default: return "an object";
            }
        }

        /** The object's members; fails unless this is an object and every key is allowed. */
        Map<String, Node> object(String what, Set<String> allowedKeys) throws RecordingFormatException {
            if (kind != Kind.OBJECT) throw error(what + " must be an object, found " + describe());
            for (Map.Entry<String, Node> m : members.entrySet()) {
                if (!allowedKeys.contains(m.getKey())) {
                    throw m.getValue().error(what + ": unknown field \"" + m.getKey() + "\" (expected one of "
                            + allowedKeys.stream().sorted().toList() + ")");
                }
            }
            return members;
        }

        /** The object's members, any keys. */
        Map<String, Node> anyObject(String what) throws RecordingFormatException {
            if (kind != Kind.OBJECT) throw error(what + " must be an object, found " + describe());
            return members;
        }

        List<Node> array(String what) throws RecordingFormatException {
            if (kind != Kind.ARRAY) throw error(what + " must be an array, found " + describe());
            return items;
        }

        String string(String what) throws RecordingFormatException {
            if (kind != Kind.STRING) throw error(what + " must be a string, found " + describe());
            return text;
        }

        /** A finite number. */
        double number(String what) throws RecordingFormatException {
            if (kind != Kind.NUMBER) throw error(what + " must be a number, found " + describe());
            if (!Double.isFinite(number)) throw error(what + " " + text + " is out of range");
            return number;
        }

        /** A finite number, or NaN for {@code null}. */
        double numberOrNaN(String what) throws RecordingFormatException {
            return isNull() ? Double.NaN : number(what);
        }

        /** An integer. */
        long integer(String what) throws RecordingFormatException {
            double v = number(what);
            if (v != Math.rint(v) || Math.abs(v) > (1L << 53)) throw error(what + " must be an integer, found " + text);
            return (long) v;
        }
    }

    /** A required member of an object. */
    static Node require(Map<String, Node> members, String key, Node parent, String what)
            throws RecordingFormatException {
        Node n = members.get(key);
        if (n == null) throw parent.error(what + ": missing field \"" + key + "\"");
        return n;
    }
}
