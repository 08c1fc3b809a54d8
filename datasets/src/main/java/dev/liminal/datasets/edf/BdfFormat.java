package dev.liminal.datasets.edf;

/**
 * BDF and BDF+ (BioSemi 24-bit EDF), id {@code "bdf"}, extension {@code .bdf}; writes BDF+.
 * Recognised by the version field: byte 0xFF then "BIOSEMI". Immutable; thread-safe.
 */
public final class BdfFormat extends EdfFamilyFormat {
    /** The instance {@link java.util.ServiceLoader} creates. */
    public BdfFormat() {
        super(EdfDialect.BDF);
    }

    @Override
    public String displayName() {
        return "BDF/BDF+ (BioSemi 24-bit EDF)";
    }
}
