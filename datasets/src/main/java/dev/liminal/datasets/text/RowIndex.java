package dev.liminal.datasets.text;

import java.util.Arrays;

/**
 * The byte offsets of every {@value #ROWS_PER_ENTRY}th row of a text recording, so that a read
 * of any row seeks to at most {@value #ROWS_PER_ENTRY} rows before it. Costs 8 bytes per
 * {@value #ROWS_PER_ENTRY} rows. Confined to one thread while rows are added; effectively
 * immutable afterwards.
 */
public final class RowIndex {
    /** Rows between two entries. */
    public static final int ROWS_PER_ENTRY = 1024;
    private static final int INITIAL_ENTRIES = 16;

    private long[] offsets = new long[INITIAL_ENTRIES];
    private long rows;

    /** Records the next row, which starts at byte {@code offset}. */
    public void add(long offset) {
        if (rows % ROWS_PER_ENTRY == 0) {
            int slot = (int) (rows / ROWS_PER_ENTRY);
            if (slot == offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
            offsets[slot] = offset;
        }
        rows++;
    }

    /** Number of rows added. */
    public long rows() {
        return rows;
    }

    /** The indexed row at or before {@code row}: where a read of {@code row} starts. */
    public long entryRow(long row) {
        return row / ROWS_PER_ENTRY * ROWS_PER_ENTRY;
    }

    /**
     * Byte offset of {@link #entryRow(long) entryRow(row)}.
     *
     * @throws IllegalArgumentException if {@code row} is not in {@code [0, rows())}
     */
    public long entryOffset(long row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside the " + rows + " rows indexed");
        }
        return offsets[(int) (row / ROWS_PER_ENTRY)];
    }
}
