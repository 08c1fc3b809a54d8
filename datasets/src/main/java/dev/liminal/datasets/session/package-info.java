/**
 * Session metadata (the vocabulary of {@link dev.liminal.core.session}) stored with a recording
 * and beside it.
 *
 * <ul>
 *   <li>{@link dev.liminal.datasets.session.SessionAnnotations}: a
 *       {@link dev.liminal.core.session.SessionTimeline} as readable, machine-parseable
 *       annotations ({@code "PHASE BASELINE end=600"}, {@code "DOSE 0.5 mg/kg IV ..."}), which EDF+/BDF+
 *       writers store as TALs and XDF writers as markers;</li>
 *   <li>{@link dev.liminal.datasets.session.SessionJson}: the complete session as
 *       {@code *_session.json} (and as the XDF marker stream's header description);</li>
 *   <li>{@link dev.liminal.datasets.session.EventsTsv} and
 *       {@link dev.liminal.datasets.session.EegJson}: BIDS {@code *_events.tsv} (with its
 *       column descriptions {@code *_events.json}) and {@code *_eeg.json} sidecars;</li>
 *   <li>{@link dev.liminal.datasets.session.Sidecars}: naming, writing and finding the
 *       sidecars of a recording.</li>
 * </ul>
 *
 * <p>{@link dev.liminal.datasets.Recordings} uses them to open and write recordings with their
 * session. Every round trip through this package is exact: times and amounts are written as the
 * shortest decimal that parses back to the same {@code double} (a file format may still round
 * times, e.g. EDF+ to 100 ns). Malformed sidecars give a
 * {@link dev.liminal.datasets.RecordingFormatException} naming the file, byte offset, line and
 * column; unrecognised session annotations are kept as plain annotations with a warning.
 *
 * <p>Depends on {@code core}, the {@code dev.liminal.datasets} SPI types and Jackson; never on
 * {@code dsp} or {@code acquisition}. All classes are stateless or immutable and thread-safe.
 */
package dev.liminal.datasets.session;
