package dev.liminal.datasets.edf;

/**
 * EDF, EDF+C and EDF+D (16-bit), id {@code "edf"}, extension {@code .edf}; writes EDF+.
 * Recognised by the version field "0" followed by seven spaces. Immutable; thread-safe.
 */
public final class EdfFormat extends EdfFamilyFormat {
    /** The instance {@link java.util.ServiceLoader} creates. */
    public EdfFormat() {
        super(EdfDialect.EDF);
    }

    @Override
    public String displayName() {
        return "EDF/EDF+ (European Data Format)";
    }
}
