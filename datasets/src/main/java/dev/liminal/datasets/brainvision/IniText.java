package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.text.Excerpt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The INI-like text shared by {@code .vhdr} and {@code .vmrk} files: an identification line,
 * {@code [Section]} lines, {@code Key=Value} entries and {@code ;} comments. Everything after a
 * {@code [Comment]} section is free text and ignored. Each entry keeps the byte offset of its
 * line for error messages. Immutable.
 *
 * <p>The {@code Codepage} entry selects the text encoding: {@code UTF-8}, or {@code ANSI} /
 * {@code Latin-1} (Windows-1252). A file declaring UTF-8 whose bytes are not valid UTF-8 is
 * read as Windows-1252 with a warning, since Vision Recorder versions have written such files.
 */
final class IniText {
    /** Header files are small; anything larger is not a header (and must not exhaust memory). */
    static final long MAX_BYTES = 16L << 20;

    private static final String COMMENT_SECTION = "comment";
    private static final Charset ANSI = ansiCharset();

    /**
     * One {@code Key=Value} line.
     *
     * @param key        the key as written
     * @param value      the value, trimmed
     * @param byteOffset offset of the line's first byte in the file
     */
    record Entry(String key, String value, long byteOffset) {}

    private final Path file;
    private final String firstLine;
    private final Charset charset;
    private final Map<String, Map<String, Entry>> sections;
    private final List<String> warnings;

    private IniText(Path file, String firstLine, Charset charset, Map<String, Map<String, Entry>> sections,
                    List<String> warnings) {
        this.file = file;
        this.firstLine = firstLine;
        this.charset = charset;
        this.sections = sections;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads and splits a header or marker file.
     *
     * @throws RecordingFormatException if the file is larger than {@link #MAX_BYTES}
     */
    static IniText read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new RecordingFormatException(file, MAX_BYTES, "text of " + size + " bytes is larger than the "
                    + MAX_BYTES + " bytes a BrainVision header or marker file may have");
        }
        return parse(file, Files.readAllBytes(file));
    }

    /** Splits {@code bytes}, the content of {@code file}. */
    static IniText parse(Path file, byte[] bytes) {
        List<String> warnings = new ArrayList<>();
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3; // UTF-8 byte order mark
        }
        List<int[]> lines = splitLines(bytes, start);
        Charset charset = declaredCharset(bytes, lines, warnings);
        CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        boolean warnedFallback = false;

        Map<String, Map<String, Entry>> sections = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Entry> current = null;
        String firstLine = "";
        for (int i = 0; i < lines.size(); i++) {
            int from = lines.get(i)[0];
            int to = lines.get(i)[1];
            String text;
            try {
                text = strict.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                text = new String(bytes, from, to - from, ANSI);
                if (!warnedFallback) {
                    warnings.add(file.getFileName() + ": line " + (i + 1) + " is not valid " + charset.name()
                            + " as the Codepage says; read as " + ANSI.name());
                    warnedFallback = true;
                }
            }
            if (i == 0) {
                firstLine = text.strip();
                continue;
            }
            String t = text.strip();
            if (t.isEmpty() || t.startsWith(";")) continue;
            if (t.startsWith("[") && t.indexOf(']') > 0) {
                String name = t.substring(1, t.indexOf(']')).strip();
                if (name.toLowerCase(Locale.ROOT).equals(COMMENT_SECTION)) break;
                current = sections.computeIfAbsent(name, k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
                continue;
            }
            int eq = t.indexOf('=');
            if (current == null || eq <= 0) continue;
            String key = t.substring(0, eq).strip();
            current.putIfAbsent(key, new Entry(key, t.substring(eq + 1).strip(), from));
        }
        return new IniText(file, firstLine, charset, sections, warnings);
    }

    /** The file this text came from. */
    Path file() {
        return file;
    }

    /** The identification line, trimmed, without byte order mark. */
    String firstLine() {
        return firstLine;
    }

    /** The encoding the text was decoded with. */
    Charset charset() {
        return charset;
    }

    /** Warnings about the text itself (encoding), one line each. */
    List<String> warnings() {
        return warnings;
    }

    /** An entry of a section (names and keys case-insensitive). */
    Optional<Entry> entry(String section, String key) {
        return Optional.ofNullable(section(section).get(key));
    }

    /** The entries of a section by key, empty if the section is absent. Unmodifiable. */
    Map<String, Entry> section(String section) {
        Map<String, Entry> s = sections.get(section);
        return s == null ? Map.of() : Collections.unmodifiableMap(s);
    }

    /** Line spans {@code [from, to)} without the line terminator. */
    private static List<int[]> splitLines(byte[] bytes, int start) {
        List<int[]> lines = new ArrayList<>();
        int from = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int to = i;
                if (to > from && bytes[to - 1] == '\r') to--;
                if (i < bytes.length || to > from) lines.add(new int[] {from, to});
                from = i + 1;
            }
        }
        return lines;
    }

    /** The charset named by the first {@code Codepage=} line (ASCII in every encoding). */
    private static Charset declaredCharset(byte[] bytes, List<int[]> lines, List<String> warnings) {
        for (int[] span : lines) {
            String t = new String(bytes, span[0], span[1] - span[0], StandardCharsets.ISO_8859_1).strip();
            if (t.regionMatches(true, 0, "[Comment]", 0, "[Comment]".length())) break;
            if (!t.regionMatches(true, 0, "Codepage", 0, "Codepage".length())) continue;
            int eq = t.indexOf('=');
            if (eq < 0) continue;
            String name = t.substring(eq + 1).strip().toUpperCase(Locale.ROOT);
            switch (name) {
                case "UTF-8": case "UTF8": return StandardCharsets.UTF_8;
                case "ANSI": case "LATIN-1": case "LATIN1": case "ISO-8859-1": case "WINDOWS-1252": case "CP1252":
                    return ANSI;
                default:
                    warnings.add("unknown Codepage '" + Excerpt.of(name) + "'; text read as " + ANSI.name());
                    return ANSI;
            }
        }
        // Version 1.0 headers without a Codepage line were written by Windows tools in ANSI.
        return ANSI;
    }

    private static Charset ansiCharset() {
        try {
            return Charset.forName("windows-1252");
        } catch (UnsupportedCharsetException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
