package dev.liminal.core.session;

/** The drug given. Esketamine is about twice as potent as racemic ketamine (DOMAIN.md). */
public enum Formulation {
    RACEMIC_KETAMINE,
    ESKETAMINE
}
