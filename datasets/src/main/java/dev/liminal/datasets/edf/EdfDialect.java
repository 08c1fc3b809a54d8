package dev.liminal.datasets.edf;

import java.nio.charset.StandardCharsets;

/**
 * The two sample widths of the family: EDF (16-bit) and BDF (BioSemi, 24-bit). Immutable.
 */
enum EdfDialect {
    /** EDF and EDF+: 2-byte little-endian two's-complement samples. */
    EDF("edf", 2, "EDF Annotations", -32768, 32767, "EDF"),
    /** BDF and BDF+: 3-byte little-endian two's-complement samples (BioSemi). */
    BDF("bdf", 3, "BDF Annotations", -8388608, 8388607, "BDF");

    /** Version field of an EDF header: "0" padded with spaces (EDF spec, header byte 0). */
    static final byte[] EDF_VERSION = "0       ".getBytes(StandardCharsets.US_ASCII);
    /** Version field of a BDF header: byte 0xFF then "BIOSEMI" (BioSemi file format page). */
    static final byte[] BDF_VERSION = {(byte) 0xFF, 'B', 'I', 'O', 'S', 'E', 'M', 'I'};

    private final String formatId;
    private final int bytesPerSample;
    private final String annotationLabel;
    private final int digitalMin;
    private final int digitalMax;
    private final String variantPrefix;

    EdfDialect(String formatId, int bytesPerSample, String annotationLabel, int digitalMin, int digitalMax,
               String variantPrefix) {
        this.formatId = formatId;
        this.bytesPerSample = bytesPerSample;
        this.annotationLabel = annotationLabel;
        this.digitalMin = digitalMin;
        this.digitalMax = digitalMax;
        this.variantPrefix = variantPrefix;
    }

    /** The {@link dev.liminal.datasets.RecordingFormat#id()} of this dialect. */
    String formatId() {
        return formatId;
    }

    /** Bytes per stored sample: 2 or 3. */
    int bytesPerSample() {
        return bytesPerSample;
    }

    /** Label of an annotation signal in this dialect ("EDF Annotations" / "BDF Annotations"). */
    String annotationLabel() {
        return annotationLabel;
    }

    /** Smallest storable digital value. */
    int digitalMin() {
        return digitalMin;
    }

    /** Largest storable digital value. */
    int digitalMax() {
        return digitalMax;
    }

    /** "EDF" or "BDF", the start of variant names such as "EDF+C". */
    String variantPrefix() {
        return variantPrefix;
    }

    /** The 8-byte version field written at the start of a header. */
    byte[] versionField() {
        return (this == EDF ? EDF_VERSION : BDF_VERSION).clone();
    }

    /** The dialect whose version field {@code head} starts with, or null. */
    static EdfDialect ofHead(byte[] head) {
        if (head == null || head.length < 8) return null;
        if (startsWith(head, EDF_VERSION)) return EDF;
        if (startsWith(head, BDF_VERSION)) return BDF;
        return null;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) return false;
        }
        return true;
    }
}
