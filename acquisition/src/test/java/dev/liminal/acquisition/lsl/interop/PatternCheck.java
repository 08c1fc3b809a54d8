package dev.liminal.acquisition.lsl.interop;

/**
 * Checks received samples against {@link PeerPattern} the way {@code lsl_peer_inlet.c} does, for
 * inlets running in this JVM: values bit for bit, stamps against the line {@code ts(0) + j dt}.
 * Samples must be fed in arrival order, sample {@code j} being the j-th received. Confined to one
 * thread.
 */
final class PatternCheck {
    private final String format;
    private final double dtSeconds;
    private long received;
    private long valueErrors;
    private String firstMismatch = "";
    private double firstTimestamp;
    private double maxLinearDeviation;
    private long nonlinear;

    PatternCheck(StreamSpec spec) {
        this.format = spec.format();
        this.dtSeconds = PeerPattern.dtSeconds(spec.rateHz());
    }

    /** Index of the next sample to be checked (samples checked so far). */
    long received() {
        return received;
    }

    /** Channel c of the current sample, pulled as a long (integer formats). */
    void checkLong(int c, long actual) {
        long expected = PeerPattern.intValue(format, received, c);
        if (actual != expected) mismatch(c, Long.toString(expected), Long.toString(actual));
    }

    /** Channel c of the current sample, pulled as a double (float32 and double64: bit for bit). */
    void checkDouble(int c, double actual) {
        double expected = format.equals("float32") ? PeerPattern.floatValue(received, c) : PeerPattern.doubleValue(received, c);
        if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
            mismatch(c, Double.toString(expected), Double.toString(actual));
        }
    }

    /** Channel c of the current sample of a string stream. */
    void checkString(int c, String actual) {
        String expected = PeerPattern.stringValue(received, c);
        if (!expected.equals(actual)) {
            String shown = actual == null ? "null" : actual.substring(0, Math.min(24, actual.length())) + "(length " + actual.length() + ")";
            mismatch(c, expected, shown);
        }
    }

    /** Ends the current sample with its stamp. */
    void endSample(double timestampSeconds) {
        if (received == 0) firstTimestamp = timestampSeconds;
        double expected = firstTimestamp + (double) received * dtSeconds;
        maxLinearDeviation = Math.max(maxLinearDeviation, Math.abs(timestampSeconds - expected));
        if (timestampSeconds != expected) nonlinear++;
        received++;
    }

    private void mismatch(int c, String expected, String actual) {
        if (valueErrors++ == 0) {
            firstMismatch = "sample " + received + " channel " + c + ": expected " + expected + ", got " + actual;
        }
    }

    /** The report, with what the caller learnt about the stream. */
    InletPeer.Run toRun(String uid, String sessionId, int protocolVersion, int channelLabels, double timeCorrectionSeconds) {
        return new InletPeer.Run(uid, sessionId, protocolVersion, channelLabels, received, valueErrors, firstMismatch,
                firstTimestamp, maxLinearDeviation, nonlinear, timeCorrectionSeconds);
    }
}
