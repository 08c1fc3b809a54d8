package dev.liminal.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with a header row and columns padded to their widest cell; numeric
 * columns are right-aligned. Cells never contain line breaks (they are replaced by spaces).
 * Not thread-safe: fill and print on one thread.
 */
final class TextTable {
    private static final String INDENT = "  ";
    private static final String GAP = "  ";

    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param header column titles; a title starting with {@code '>'} makes a right-aligned
     *               column (the {@code '>'} is not printed)
     */
    TextTable(String... header) {
        this.header = new String[header.length];
        this.rightAligned = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            rightAligned[i] = header[i].startsWith(">");
            this.header[i] = rightAligned[i] ? header[i].substring(1) : header[i];
        }
    }

    /** Adds a row; it must have one cell per column. */
    TextTable row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.length
                    + " columns " + Arrays.toString(header));
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]).replaceAll("[\\r\\n\\t]", " ");
        }
        rows.add(text);
        return this;
    }

    /** Prints the header and the rows, each line indented by two spaces, without trailing blanks. */
    void print(PrintWriter out) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) width[i] = header[i].length();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        }
        printLine(out, header, width);
        for (String[] r : rows) printLine(out, r, width);
    }

    private void printLine(PrintWriter out, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder(INDENT);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) line.append(GAP);
            String pad = " ".repeat(width[i] - cells[i].length());
            line.append(rightAligned[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.println(line.toString().stripTrailing());
    }
}
