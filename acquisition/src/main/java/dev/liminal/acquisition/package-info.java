/**
 * Live acquisition: pure-Java Lab Streaming Layer
 * (resolver, inlet, outlet, time correction), the simulated headset, the stream pump, the live
 * pipeline ({@code pipeline}: one EEG stream and its session markers to region band powers and
 * shifts against the baseline), the XDF recorder and the timing-integrity monitor. JDK only; must not depend on
 * {@code viewer} or {@code app}.
 */
package dev.liminal.acquisition;
