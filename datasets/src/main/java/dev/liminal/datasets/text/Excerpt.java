package dev.liminal.datasets.text;

/**
 * Text taken from a file, made safe to quote in a one-line error message: control characters
 * (line breaks included) become {@code ?}, and only the first {@value #MAX_CHARS} characters
 * are kept. Immutable utility; thread-safe.
 */
public final class Excerpt {
    /** Characters kept before {@code ...}. */
    public static final int MAX_CHARS = 60;

    private Excerpt() {}

    /** The excerpt of {@code text}. */
    public static String of(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 3);
        for (int i = 0; i < text.length() && b.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_CHARS) b.append("...");
        return b.toString();
    }
}
