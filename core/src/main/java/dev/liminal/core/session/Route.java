package dev.liminal.core.session;

/** Route of administration (DOMAIN.md). */
public enum Route {
    /** Intravenous. */
    IV,
    /** Intramuscular. */
    IM,
    /** Intranasal. */
    IN,
    /** Sublingual. */
    SL,
    /** Oral. */
    ORAL
}
