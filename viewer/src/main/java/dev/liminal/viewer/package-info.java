/**
 * The Swing + FlatLaf workstation (a later issue; not yet built): band shifts, session phase,
 * dose tier and the participant's reports on one timeline. The only module that may use
 * {@code java.desktop}.
 */
package dev.liminal.viewer;
