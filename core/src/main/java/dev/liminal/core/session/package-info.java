/**
 * The session vocabulary of DOMAIN.md: protocol phases as intervals on the session clock,
 * doses and dose tiers, eye state, and the participant's phenomenology reports, gathered in a
 * {@link dev.liminal.core.session.SessionTimeline}.
 *
 * <p>All times are {@code double} seconds on the session clock, which for a recording is the
 * recording's own time axis (0 = recording start). Every type is an immutable record validated
 * on construction. JDK only.
 */
package dev.liminal.core.session;
