package dev.liminal.datasets;

import dev.liminal.core.Annotation;
import dev.liminal.core.ProgressListener;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.session.DecodedSession;
import dev.liminal.datasets.session.SessionAnnotations;
import dev.liminal.datasets.session.SidecarContent;
import dev.liminal.datasets.session.SidecarPaths;
import dev.liminal.datasets.session.Sidecars;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Opening and writing recordings together with their session metadata: the front door that
 * most callers use instead of {@link RecordingFormats}.
 *
 * <p><b>Where the session comes from</b> when opening, later sources winning:
 * <ol>
 *   <li>session annotations in the file ({@link SessionAnnotations}: EDF+/BDF+ TALs, XDF
 *       markers), which are then removed from {@link RecordingInfo#annotations()};</li>
 *   <li>the session a format stores natively ({@link RecordingInfo#session()} as its reader
 *       gave it, e.g. the XDF marker stream's header description), which holds the same data
 *       and wins over the annotations;</li>
 *   <li>the sidecars next to the file ({@link Sidecars}): a session attached after recording,
 *       or corrected later. Embedded and sidecar sessions are expected to agree; if both exist
 *       and differ, the sidecar wins and {@link RecordingInfo#warnings()} says so.</li>
 * </ol>
 * Every disagreement and every session annotation that could not be decoded is a line in
 * {@link RecordingInfo#warnings()} (and logged); none is an error. A malformed sidecar is an
 * error ({@link RecordingFormatException} naming it): fix or remove it.
 *
 * <p>Stateless; thread-safe. The readers returned are not thread-safe (see
 * {@link RecordingReader}).
 */
public final class Recordings {
    private static final System.Logger LOG = System.getLogger(Recordings.class.getName());

    private Recordings() {}

    /**
     * Opens a recording of any supported format with its session (see the class comment).
     *
     * @return a reader whose {@code info()} has the session and the non-session annotations
     * @throws RecordingFormatException if the recording or a sidecar is malformed
     */
    public static RecordingReader open(Path file) throws IOException {
        RecordingReader reader = RecordingFormats.open(file);
        try {
            RecordingInfo info = reader.info();
            List<String> warnings = new ArrayList<>(info.warnings());
            Embedded embedded = embedded(info, warnings);
            SessionTimeline session = embedded.session;
            Optional<SidecarContent> sidecar = Sidecars.read(file);
            if (sidecar.isPresent()) {
                warnings.addAll(sidecar.get().warnings());
                if (sidecar.get().hasSession()) {
                    if (embedded.present && !sidecar.get().session().equals(session)) {
                        warnings.add("the session in the sidecars of " + file.getFileName()
                                + " differs from the one stored in the file; using the sidecars");
                    }
                    session = sidecar.get().session();
                }
            }
            for (int i = info.warnings().size(); i < warnings.size(); i++) {
                LOG.log(System.Logger.Level.WARNING, "{0}: {1}", file, warnings.get(i));
            }
            RecordingInfo withSession = new RecordingInfo(info.source(), info.formatId(), info.formatVariant(),
                    info.startTime(), info.durationSeconds(), info.streams(), embedded.annotations, session,
                    info.properties(), warnings);
            return new SessionAttachedReader(reader, withSession);
        } catch (IOException | RuntimeException e) {
            try {
                reader.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** {@link #write(RecordingReader, Path, WriteOptions, ProgressListener)} with default options. */
    public static void write(RecordingReader source, Path target, ProgressListener progress) throws IOException {
        write(source, target, WriteOptions.DEFAULT, progress);
    }

    /**
     * Writes a recording with its session, in the format chosen by {@code target}'s extension
     * ({@link RecordingFormats#forWriting}). The session ({@code source.info().session()}, or
     * the one encoded in its annotations if that is empty) is added to the annotations as
     * {@link SessionAnnotations}, so EDF+/BDF+ store it as TALs, and is also handed to the
     * writer as {@link RecordingInfo#session()} for formats that store it natively (XDF).
     * Session markers of an earlier session in the source's marker streams (an XDF source) are
     * hidden from the writer ({@link SessionMarkerFilter}), so only the current session is
     * stored. Sidecars are not written; see {@link #attachSession}.
     *
     * @param source   the recording to write; not closed
     * @param progress receives progress and may cancel
     * @throws RecordingFormatException if no format writes {@code target}'s extension or the
     *                                  source cannot be represented in it
     */
    public static void write(RecordingReader source, Path target, WriteOptions options, ProgressListener progress)
            throws IOException {
        RecordingFormat format = RecordingFormats.forWriting(target);
        format.write(SessionMarkerFilter.of(new Unclosed(source), forWriting(source.info())), target, options,
                progress);
    }

    /**
     * A view of {@code reader} with another session, e.g. one edited in the viewer or read from
     * a {@code *_session.json}, to {@link #write} it with the recording. Closing the view closes
     * {@code reader}.
     *
     * @param reader  the recording; owned by the view from now on
     * @param session the session the view's {@code info()} carries
     */
    public static RecordingReader withSession(RecordingReader reader, SessionTimeline session) {
        return new SessionAttachedReader(reader, reader.info().withSession(session));
    }

    /**
     * The description a writer should see: plain annotations plus the session encoded as
     * annotations (by onset; equal onsets keep the plain ones first), and the session itself.
     */
    public static RecordingInfo forWriting(RecordingInfo info) {
        DecodedSession decoded = SessionAnnotations.decode(info.annotations());
        SessionTimeline session = !info.session().equals(SessionTimeline.EMPTY) ? info.session() : decoded.session();
        List<Annotation> all = new ArrayList<>(decoded.annotations());
        all.addAll(SessionAnnotations.encode(session));
        all.sort(Comparator.comparingDouble(Annotation::onsetSeconds));
        return info.withAnnotations(all).withSession(session);
    }

    /**
     * Attaches a session to an existing recording by writing its sidecars ({@link Sidecars}):
     * {@code *_session.json}, {@code *_events.tsv} (with the recording's own annotations),
     * {@code *_events.json} and {@code *_eeg.json}. The recording itself is not modified; existing sidecars are replaced.
     *
     * @return where the sidecars were written
     */
    public static SidecarPaths attachSession(Path recording, SessionTimeline session) throws IOException {
        try (RecordingReader reader = RecordingFormats.open(recording)) {
            RecordingInfo info = reader.info();
            Embedded embedded = embedded(info, new ArrayList<>());
            return Sidecars.write(recording, info.withAnnotations(embedded.annotations).withSession(session));
        }
    }

    private record Embedded(boolean present, SessionTimeline session, List<Annotation> annotations) {}

    private static Embedded embedded(RecordingInfo info, List<String> warnings) {
        DecodedSession decoded = SessionAnnotations.decode(info.annotations());
        warnings.addAll(decoded.warnings());
        boolean hasNative = !info.session().equals(SessionTimeline.EMPTY);
        if (hasNative) {
            if (decoded.present() && !decoded.session().equals(info.session())) {
                warnings.add("the session annotations differ from the session in the file header; using the header");
            }
            return new Embedded(true, info.session(), decoded.annotations());
        }
        return new Embedded(decoded.present(), decoded.session(), decoded.annotations());
    }

    /** Shields a caller's reader from being closed by a wrapper. */
    private static final class Unclosed implements RecordingReader {
        private final RecordingReader r;

        Unclosed(RecordingReader r) {
            this.r = r;
        }

        @Override
        public RecordingInfo info() {
            return r.info();
        }

        @Override
        public void readSamples(int stream, long firstSample, int count, double[][] dst, int dstOffset)
                throws IOException {
            r.readSamples(stream, firstSample, count, dst, dstOffset);
        }

        @Override
        public String[][] readStrings(int stream, long firstSample, int count) throws IOException {
            return r.readStrings(stream, firstSample, count);
        }

        @Override
        public void readTimestamps(int stream, long firstSample, int count, double[] dst, int dstOffset)
                throws IOException {
            r.readTimestamps(stream, firstSample, count, dst, dstOffset);
        }

        @Override
        public void close() {
            // the caller owns the source reader
        }
    }
}
