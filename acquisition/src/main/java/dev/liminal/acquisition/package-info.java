/**
 * Live acquisition (issue: live acquisition, not yet built): pure-Java Lab Streaming Layer
 * (resolver, inlet, outlet, time correction), the simulated headset, the stream pump, the live
 * pipeline, the XDF recorder and the timing-integrity monitor. JDK only; must not depend on
 * {@code viewer} or {@code app}.
 */
package dev.liminal.acquisition;
