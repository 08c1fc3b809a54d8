package dev.liminal.dsp.quality;

import java.util.EnumSet;
import java.util.Set;

/**
 * An immutable set of {@link QualityFlag}s held as a bitmask, {@link QualityFlag#bit()} per
 * flag, so the allocation-free paths can pass plain {@code int}s. Thread-safe.
 *
 * @param bits union of flag bits; only bits of existing flags may be set
 */
public record QualityFlags(int bits) {
    /** No flag: the window looks clean. */
    public static final QualityFlags NONE = new QualityFlags(0);
    private static final int ALL_BITS = (1 << QualityFlag.values().length) - 1;

    /** Rejects unknown bits. */
    public QualityFlags {
        if ((bits & ~ALL_BITS) != 0) {
            throw new IllegalArgumentException("quality bits 0x" + Integer.toHexString(bits)
                    + " include bits outside the known flags 0x" + Integer.toHexString(ALL_BITS));
        }
    }

    /** The set of the given flags. */
    public static QualityFlags of(QualityFlag... flags) {
        int bits = 0;
        for (QualityFlag f : flags) bits |= f.bit();
        return new QualityFlags(bits);
    }

    /** Whether {@code flag} is set. */
    public boolean contains(QualityFlag flag) {
        return (bits & flag.bit()) != 0;
    }

    /** This set plus {@code flag}. */
    public QualityFlags with(QualityFlag flag) {
        return new QualityFlags(bits | flag.bit());
    }

    /** Whether no flag is set. */
    public boolean isEmpty() {
        return bits == 0;
    }

    /** A new mutable {@link EnumSet} with the same flags. */
    public Set<QualityFlag> toSet() {
        EnumSet<QualityFlag> set = EnumSet.noneOf(QualityFlag.class);
        for (QualityFlag f : QualityFlag.values()) if (contains(f)) set.add(f);
        return set;
    }

    @Override
    public String toString() {
        return "QualityFlags" + toSet();
    }
}
