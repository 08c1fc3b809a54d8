package dev.liminal.core.session;

/** Whether the participant's eyes are open or closed (changes alpha and complexity). */
public enum EyeState {
    OPEN,
    CLOSED
}
