package dev.liminal.acquisition.simulation;

import dev.liminal.acquisition.simulation.ScalpSite.Region;
import dev.liminal.acquisition.simulation.ScalpSite.Side;
import dev.liminal.core.session.Dose;
import dev.liminal.dsp.pharmacokinetics.TwoCompartmentModel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The EEG of a simulated dosing session, generated block by block in microvolts. Pull-based:
 * {@link #next(double[][], int)} fills the caller's block and advances; pacing to real time is
 * the publisher's job ({@link RealTimePacer}). Sample {@code n} is at stream second
 * {@code n / rate}; the script (phase, concentration) is at script second
 * {@code stream second * speed}. Physiology (rhythm frequencies, blink and burst lengths) runs
 * on the stream clock, so a compressed session still looks like EEG; only the drug's time
 * course is compressed.
 *
 * <p><b>Signal model</b>, per channel, summed:
 * <ul>
 *   <li><b>aperiodic background</b> with density {@code S(f) ~ f^-chi}: a bank of one-pole
 *       low-pass filters (eight at 500 Hz) with log-spaced corners (x{@value #CORNER_RATIO}, from
 *       {@value #LOWEST_CORNER_HZ} Hz to below 0.45 x rate), each driven by its own unit white
 *       noise, weighted by {@code corner^-chi}: a sum of Lorentzians with weights following a
 *       power law approximates {@code f^-chi} between the corners for 0 &lt; chi &lt; 2, and
 *       changing chi only changes the weights. The density at {@value #PIVOT_HZ} Hz is held at
 *       {@value #PIVOT_DENSITY} uV^2/Hz (times a per-channel scale), so flattening raises
 *       beta/gamma and lowers delta. chi = {@value #CHI_BASELINE} - {@value #CHI_DROP} x effect;</li>
 *   <li><b>alpha</b>: a second-order resonator (AR(2) driven by white noise, so it waxes and
 *       wanes) at {@value #ALPHA_HZ} Hz (+-{@value #ALPHA_JITTER_HZ} Hz per channel), bandwidth
 *       {@value #ALPHA_BANDWIDTH_HZ} Hz, {@value #ALPHA_RMS_MICROVOLTS} uV RMS at occipital
 *       sites, less forward; amplitude x (1 - {@value #ALPHA_DEPTH} x effect);</li>
 *   <li><b>theta</b>: a resonator at {@value #THETA_HZ} Hz strongest at frontal-midline sites,
 *       amplitude x (1 + {@value #THETA_GAIN} x effect);</li>
 *   <li><b>gamma</b>: a broad resonator at {@value #GAMMA_HZ} Hz (bandwidth
 *       {@value #GAMMA_BANDWIDTH_HZ} Hz) on every site, amplitude x (1 + {@value #GAMMA_GAIN} x
 *       effect);</li>
 *   <li><b>blinks</b> (optional): at random times (mean interval {@value #BLINK_MEAN_INTERVAL_SECONDS}
 *       s), a {@value #BLINK_RISE_SECONDS} s rise and {@value #BLINK_FALL_SECONDS} s fall of
 *       {@value #BLINK_MIN_MICROVOLTS}-{@value #BLINK_MAX_MICROVOLTS} uV at Fp sites, decaying
 *       backwards, zero from central sites on;</li>
 *   <li><b>EMG bursts</b> (optional): at random times (mean interval
 *       {@value #EMG_MEAN_INTERVAL_SECONDS} s), {@value #EMG_MIN_SECONDS}-{@value #EMG_MAX_SECONDS}
 *       s of white noise high-passed at {@value #EMG_HIGH_PASS_HZ} Hz, {@value #EMG_MIN_RMS_MICROVOLTS}-{@value #EMG_MAX_RMS_MICROVOLTS}
 *       uV RMS over temporal sites, weaker frontally, on the left, the right or both sides.</li>
 * </ul>
 * The effect (0-1) is {@link SimulatedSession#effectOf} of the predicted plasma concentration,
 * re-evaluated every {@value #CONTROL_INTERVAL_SECONDS} s of stream time. The amplitudes are
 * this model's choices, set to give tens of microvolts; channels are independent (no volume
 * conduction, no common reference).
 *
 * <p>Deterministic: equal session and settings give bit-identical samples for any block sizes.
 * Each component draws from its own random stream, so switching blinks or bursts off leaves
 * the rest unchanged. Confined to one thread; {@code next} allocates nothing.
 */
public final class SimulatedEeg {
    /** Ratio between neighbouring background corners: 3 keeps the log-log ripple near 0.25 dB. */
    static final double CORNER_RATIO = 3.0;
    /** Lowest background corner, Hz: below it the background is flat (no infinite drift). */
    static final double LOWEST_CORNER_HZ = 0.1;
    /** Highest corner as a fraction of the rate (the one-pole response is Lorentzian well below Nyquist). */
    private static final double HIGHEST_CORNER_FRACTION = 0.45;
    /** Frequency at which the background density is held while chi changes, Hz. */
    static final double PIVOT_HZ = 5.0;
    /** Background density at the pivot, uV^2/Hz. */
    static final double PIVOT_DENSITY = 4.0;
    /** Aperiodic exponent without drug. */
    static final double CHI_BASELINE = 1.5;
    /** Exponent drop at full effect. */
    static final double CHI_DROP = 0.4;
    /** Per-channel background amplitude scale spread: 1 +- this. */
    private static final double BACKGROUND_SPREAD = 0.2;

    static final double ALPHA_HZ = 10.0;
    static final double ALPHA_JITTER_HZ = 0.3;
    static final double ALPHA_BANDWIDTH_HZ = 1.5;
    static final double ALPHA_RMS_MICROVOLTS = 10.0;
    /** Alpha amplitude lost at full effect (power x 0.49: about -3 dB before the background rise). */
    static final double ALPHA_DEPTH = 0.3;

    static final double THETA_HZ = 6.0;
    private static final double THETA_BANDWIDTH_HZ = 2.0;
    private static final double THETA_RMS_MICROVOLTS = 3.0;
    static final double THETA_GAIN = 0.25;

    static final double GAMMA_HZ = 38.0;
    static final double GAMMA_BANDWIDTH_HZ = 14.0;
    private static final double GAMMA_RMS_MICROVOLTS = 1.2;
    static final double GAMMA_GAIN = 1.0;

    static final double BLINK_MEAN_INTERVAL_SECONDS = 5.0;
    /** Shortest gap between blinks beyond the blink itself, s. */
    private static final double BLINK_REFRACTORY_SECONDS = 0.5;
    static final double BLINK_RISE_SECONDS = 0.12;
    static final double BLINK_FALL_SECONDS = 0.28;
    static final double BLINK_MIN_MICROVOLTS = 100.0;
    static final double BLINK_MAX_MICROVOLTS = 200.0;

    static final double EMG_MEAN_INTERVAL_SECONDS = 20.0;
    static final double EMG_MIN_SECONDS = 0.5;
    static final double EMG_MAX_SECONDS = 2.5;
    /** Length of the raised-cosine ramps at each end of a burst, s. */
    private static final double EMG_RAMP_SECONDS = 0.1;
    static final double EMG_HIGH_PASS_HZ = 20.0;
    static final double EMG_MIN_RMS_MICROVOLTS = 5.0;
    static final double EMG_MAX_RMS_MICROVOLTS = 15.0;

    /** How often the drug effect is re-evaluated, stream seconds. */
    static final double CONTROL_INTERVAL_SECONDS = 0.01;

    /** Standard deviation of a uniform variate on [-0.5, 0.5) is 1/sqrt(12): this scales it to 1. */
    private static final double UNIT_UNIFORM = Math.sqrt(12.0);

    private final SimulatedSession session;
    private final SimulationSettings settings;
    private final List<String> labels;
    private final int channels;
    private final double rateHz;
    private final TwoCompartmentModel model;
    private final Dose dose;
    private final int controlSamples;

    // background: shared filter coefficients, per-channel state
    private final double[] cornerPole;
    private final double[] cornerInput;
    private final double[] cornerDensityAtPivot;
    private final double[] cornerLogHz;
    private final double[] cornerGain;
    private final double[][] cornerState;
    private final double[] backgroundScale;

    // rhythms: per-channel resonators
    private final Resonator[] alpha;
    private final Resonator[] theta;
    private final Resonator[] gamma;
    private final double[] alphaWeight;
    private final double[] thetaWeight;
    private final double[] gammaWeight;
    private final SplittableRandom[] channelRandom;

    // blinks
    private final double[] blinkWeight;
    private final SplittableRandom blinkRandom;
    private final int blinkRiseSamples;
    private final int blinkFallSamples;
    private long blinkStart;
    private double blinkMicrovolts;

    // EMG
    private final double[] emgWeightLeft;
    private final double[] emgWeightRight;
    private final SplittableRandom emgRandom;
    private final SplittableRandom emgNoise;
    private final double[] emgB;
    private final double[] emgA;
    private final double emgNoiseScale;
    private final double[][] emgState;
    private long emgStart;
    private long emgEnd;
    private double emgMicrovolts;
    private boolean emgLeft;
    private boolean emgRight;
    private final int emgRampSamples;

    // modulation, updated every control interval
    private long position;
    private long nextControl;
    private double concentrationNgPerMl;
    private double effect;
    private double alphaGain = 1;
    private double thetaGainNow = 1;
    private double gammaGainNow = 1;

    /**
     * A generator at sample 0 of {@code session} played with {@code settings}.
     */
    public SimulatedEeg(SimulatedSession session, SimulationSettings settings) {
        this.session = Objects.requireNonNull(session, "session");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.labels = settings.montage().labels();
        this.channels = labels.size();
        this.rateHz = settings.sampleRateHz();
        this.model = session.pharmacokinetics();
        this.dose = session.dose();
        this.controlSamples = Math.max(1, (int) Math.round(CONTROL_INTERVAL_SECONDS * rateHz));

        int corners = 0;
        for (double f = LOWEST_CORNER_HZ; f < HIGHEST_CORNER_FRACTION * rateHz; f *= CORNER_RATIO) corners++;
        cornerPole = new double[corners];
        cornerInput = new double[corners];
        cornerDensityAtPivot = new double[corners];
        cornerLogHz = new double[corners];
        cornerGain = new double[corners];
        double f = LOWEST_CORNER_HZ;
        for (int k = 0; k < corners; k++, f *= CORNER_RATIO) {
            double a = Math.exp(-2 * Math.PI * f / rateHz);
            cornerPole[k] = a;
            cornerInput[k] = 1 - a;
            cornerLogHz[k] = Math.log(f);
            // one-sided density of (1-a)/(1 - a z^-1) applied to unit white noise
            cornerDensityAtPivot[k] = 2 / rateHz * (1 - a) * (1 - a)
                    / (1 - 2 * a * Math.cos(2 * Math.PI * PIVOT_HZ / rateHz) + a * a);
        }
        cornerState = new double[channels][corners];

        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom layout = root.split();
        channelRandom = new SplittableRandom[channels];
        for (int c = 0; c < channels; c++) channelRandom[c] = root.split();
        blinkRandom = root.split();
        emgRandom = root.split();
        emgNoise = root.split();

        backgroundScale = new double[channels];
        alpha = new Resonator[channels];
        theta = new Resonator[channels];
        gamma = new Resonator[channels];
        alphaWeight = new double[channels];
        thetaWeight = new double[channels];
        gammaWeight = new double[channels];
        blinkWeight = new double[channels];
        emgWeightLeft = new double[channels];
        emgWeightRight = new double[channels];
        for (int c = 0; c < channels; c++) {
            ScalpSite site = ScalpSite.of(labels.get(c));
            backgroundScale[c] = 1 + BACKGROUND_SPREAD * (2 * layout.nextDouble() - 1);
            double alphaHz = ALPHA_HZ + ALPHA_JITTER_HZ * (2 * layout.nextDouble() - 1);
            alpha[c] = new Resonator(alphaHz, ALPHA_BANDWIDTH_HZ, rateHz);
            theta[c] = new Resonator(THETA_HZ, THETA_BANDWIDTH_HZ, rateHz);
            gamma[c] = new Resonator(GAMMA_HZ, GAMMA_BANDWIDTH_HZ, rateHz);
            alphaWeight[c] = ALPHA_RMS_MICROVOLTS * alphaWeight(site);
            thetaWeight[c] = THETA_RMS_MICROVOLTS * thetaWeight(site);
            gammaWeight[c] = GAMMA_RMS_MICROVOLTS;
            blinkWeight[c] = blinkWeight(site);
            double emg = emgWeight(site);
            emgWeightLeft[c] = emg * sideFactor(site.side(), Side.LEFT);
            emgWeightRight[c] = emg * sideFactor(site.side(), Side.RIGHT);
        }

        blinkRiseSamples = Math.max(1, (int) Math.round(BLINK_RISE_SECONDS * rateHz));
        blinkFallSamples = Math.max(1, (int) Math.round(BLINK_FALL_SECONDS * rateHz));
        blinkStart = scheduleBlink(0);

        // RBJ cookbook second-order Butterworth high-pass (Q = 1/sqrt 2), bilinear transform
        double w0 = 2 * Math.PI * EMG_HIGH_PASS_HZ / rateHz;
        double alphaQ = Math.sin(w0) / Math.sqrt(2);
        double a0 = 1 + alphaQ;
        emgB = new double[] {(1 + Math.cos(w0)) / 2 / a0, -(1 + Math.cos(w0)) / a0, (1 + Math.cos(w0)) / 2 / a0};
        emgA = new double[] {-2 * Math.cos(w0) / a0, (1 - alphaQ) / a0};
        // white noise keeps the share of its power above the cut-off: scale back to unit RMS
        emgNoiseScale = 1 / Math.sqrt(1 - 2 * EMG_HIGH_PASS_HZ / rateHz);
        emgState = new double[channels][4];
        emgRampSamples = Math.max(1, (int) Math.round(EMG_RAMP_SECONDS * rateHz));
        scheduleEmg(0);
        updateModulation();
    }

    /** Channel labels, 10-20 names, in channel order (unmodifiable). */
    public List<String> labels() {
        return labels;
    }

    /** Number of channels. */
    public int channelCount() {
        return channels;
    }

    /** Sampling rate, Hz. */
    public double sampleRateHz() {
        return rateHz;
    }

    /** The session script. */
    public SimulatedSession session() {
        return session;
    }

    /** The settings. */
    public SimulationSettings settings() {
        return settings;
    }

    /** Index of the next sample {@link #next} produces. */
    public long position() {
        return position;
    }

    /** Stream time of sample {@code sample}, s (sample 0 at 0). */
    public double timeSeconds(long sample) {
        return sample / rateHz;
    }

    /** Script time of sample {@code sample}, s: its stream time times the speed. */
    public double scriptSeconds(long sample) {
        return timeSeconds(sample) * settings.speed();
    }

    /** Predicted plasma concentration at the last control update, ng/mL. */
    public double concentrationNgPerMl() {
        return concentrationNgPerMl;
    }

    /** Drug effect (0-1) at the last control update. */
    public double effect() {
        return effect;
    }

    /**
     * Generates the next {@code frames} samples of every channel and advances.
     *
     * @param output {@code [channel][>= frames]}, uV; row {@code c} gets channel {@code c} in
     *               {@code [0, frames)}; Modified
     * @param frames number of samples per channel, >= 0
     */
    public void next(double[][] output, int frames) {
        next(output, 0, frames);
    }

    /**
     * Generates the next {@code frames} samples of every channel into
     * {@code output[c][offset, offset + frames)} and advances (the shape a
     * {@code StreamSource.read} fills).
     *
     * @param output {@code [channel][>= offset + frames]}, uV; only that span of each row is
     *               written; Modified
     * @param offset first index written in each row, >= 0
     * @param frames number of samples per channel, >= 0
     */
    public void next(double[][] output, int offset, int frames) {
        if (output == null || output.length != channels) {
            throw new IllegalArgumentException("simulated EEG: output has " + (output == null ? "no" : output.length)
                    + " rows for " + channels + " channels");
        }
        if (frames < 0 || offset < 0) {
            throw new IllegalArgumentException("simulated EEG: offset " + offset + " and frames " + frames
                    + " must be >= 0");
        }
        for (int c = 0; c < channels; c++) {
            if (output[c] == null || output[c].length - offset < frames) {
                throw new IllegalArgumentException("simulated EEG: output row " + c + " (" + labels.get(c) + ") holds "
                        + (output[c] == null ? 0 : output[c].length) + " samples, fewer than offset " + offset
                        + " + " + frames);
            }
        }
        int done = 0;
        while (done < frames) {
            if (position >= nextControl) updateModulation();
            int n = (int) Math.min(frames - done, nextControl - position);
            for (int c = 0; c < channels; c++) channel(c, output[c], offset + done, n);
            if (settings.blinks()) addBlinks(output, offset + done, n);
            if (settings.muscleBursts()) addEmg(output, offset + done, n);
            position += n;
            done += n;
        }
    }

    /** A new {@code [channel][frames]} block of the next samples (allocates; see {@link #next(double[][], int)}). */
    public double[][] next(int frames) {
        double[][] out = new double[channels][frames];
        next(out, frames);
        return out;
    }

    private void channel(int c, double[] out, int from, int n) {
        SplittableRandom random = channelRandom[c];
        double[] state = cornerState[c];
        double scale = backgroundScale[c];
        double aw = alphaWeight[c] * alphaGain;
        double tw = thetaWeight[c] * thetaGainNow;
        double gw = gammaWeight[c] * gammaGainNow;
        Resonator al = alpha[c];
        Resonator th = theta[c];
        Resonator ga = gamma[c];
        int corners = state.length;
        for (int i = from; i < from + n; i++) {
            double background = 0;
            for (int k = 0; k < corners; k++) {
                double s = cornerPole[k] * state[k] + cornerInput[k] * uniform(random);
                state[k] = s;
                background += cornerGain[k] * s;
            }
            out[i] = scale * background + aw * al.step(uniform(random)) + tw * th.step(uniform(random))
                    + gw * ga.step(uniform(random));
        }
    }

    private void addBlinks(double[][] out, int from, int n) {
        int length = blinkRiseSamples + blinkFallSamples;
        for (int i = 0; i < n; i++) {
            long sample = position + i;
            if (sample >= blinkStart + length) {
                blinkStart = scheduleBlink(blinkStart + length);
            }
            long t = sample - blinkStart;
            if (t < 0) continue;
            double shape = t < blinkRiseSamples
                    ? 0.5 * (1 - Math.cos(Math.PI * t / blinkRiseSamples))
                    : 0.5 * (1 + Math.cos(Math.PI * (t - blinkRiseSamples) / blinkFallSamples));
            double v = blinkMicrovolts * shape;
            for (int c = 0; c < channels; c++) {
                if (blinkWeight[c] != 0) out[c][from + i] += blinkWeight[c] * v;
            }
        }
    }

    /** Draws the next blink after {@code earliest}; returns its start sample and sets its amplitude. */
    private long scheduleBlink(long earliest) {
        double gapSeconds = BLINK_REFRACTORY_SECONDS - BLINK_MEAN_INTERVAL_SECONDS * Math.log(1 - blinkRandom.nextDouble());
        blinkMicrovolts = BLINK_MIN_MICROVOLTS + (BLINK_MAX_MICROVOLTS - BLINK_MIN_MICROVOLTS) * blinkRandom.nextDouble();
        return earliest + Math.round(gapSeconds * rateHz);
    }

    private void addEmg(double[][] out, int from, int n) {
        for (int i = 0; i < n; i++) {
            long sample = position + i;
            if (sample >= emgEnd) scheduleEmg(emgEnd);
            if (sample < emgStart) continue;
            long t = sample - emgStart;
            long left = emgEnd - 1 - sample;
            double envelope = 1;
            if (t < emgRampSamples) envelope = 0.5 * (1 - Math.cos(Math.PI * t / emgRampSamples));
            if (left < emgRampSamples) envelope = Math.min(envelope, 0.5 * (1 - Math.cos(Math.PI * left / emgRampSamples)));
            double amplitude = emgMicrovolts * envelope * emgNoiseScale;
            for (int c = 0; c < channels; c++) {
                double w = (emgLeft ? emgWeightLeft[c] : 0) + (emgRight ? emgWeightRight[c] : 0);
                if (emgLeft && emgRight) w *= 0.5;
                if (w == 0) continue;
                double[] s = emgState[c];
                double x = uniform(emgNoise);
                double y = emgB[0] * x + emgB[1] * s[0] + emgB[2] * s[1] - emgA[0] * s[2] - emgA[1] * s[3];
                s[1] = s[0];
                s[0] = x;
                s[3] = s[2];
                s[2] = y;
                out[c][from + i] += w * amplitude * y;
            }
        }
    }

    /** Draws the next burst starting after {@code earliest}. */
    private void scheduleEmg(long earliest) {
        double gapSeconds = -EMG_MEAN_INTERVAL_SECONDS * Math.log(1 - emgRandom.nextDouble());
        double lengthSeconds = EMG_MIN_SECONDS + (EMG_MAX_SECONDS - EMG_MIN_SECONDS) * emgRandom.nextDouble();
        emgMicrovolts = EMG_MIN_RMS_MICROVOLTS + (EMG_MAX_RMS_MICROVOLTS - EMG_MIN_RMS_MICROVOLTS) * emgRandom.nextDouble();
        int side = emgRandom.nextInt(3);
        emgLeft = side != 1;
        emgRight = side != 0;
        emgStart = earliest + Math.round(gapSeconds * rateHz);
        emgEnd = emgStart + Math.max(2L * emgRampSamples, Math.round(lengthSeconds * rateHz));
        for (double[] s : emgState) Arrays.fill(s, 0);
    }

    private void updateModulation() {
        double script = scriptSeconds(position);
        concentrationNgPerMl = model.concentrationNgPerMl(dose, script);
        effect = session.effectOf(concentrationNgPerMl);
        double chi = CHI_BASELINE - CHI_DROP * effect;
        // weights corner^-chi, scaled so the summed density at the pivot is PIVOT_DENSITY
        double atPivot = 0;
        for (int k = 0; k < cornerGain.length; k++) {
            double w = Math.exp(-chi * cornerLogHz[k]);
            cornerGain[k] = w;
            atPivot += w * cornerDensityAtPivot[k];
        }
        double norm = PIVOT_DENSITY / atPivot;
        for (int k = 0; k < cornerGain.length; k++) cornerGain[k] = Math.sqrt(cornerGain[k] * norm);
        alphaGain = 1 - ALPHA_DEPTH * effect;
        thetaGainNow = 1 + THETA_GAIN * effect;
        gammaGainNow = 1 + GAMMA_GAIN * effect;
        nextControl = position + controlSamples;
    }

    private static double uniform(SplittableRandom random) {
        return (random.nextDouble() - 0.5) * UNIT_UNIFORM;
    }

    /** Alpha is an occipito-parietal rhythm; relative amplitude per region. */
    private static double alphaWeight(ScalpSite site) {
        return switch (site.region()) {
            case OCCIPITAL -> 1.0;
            case PARIETAL -> 0.8;
            case CENTRAL -> 0.45;
            case TEMPORAL -> 0.4;
            case FRONTOCENTRAL -> 0.3;
            case FRONTAL -> 0.25;
            case FRONTOPOLAR -> 0.2;
        };
    }

    /** Theta strongest at frontal-midline sites. */
    private static double thetaWeight(ScalpSite site) {
        boolean frontal = site.region() == Region.FRONTAL || site.region() == Region.FRONTOCENTRAL;
        if (frontal) return site.side() == Side.MIDLINE ? 1.0 : 0.5;
        if (site.region() == Region.CENTRAL && site.side() == Side.MIDLINE) return 0.6;
        return 0.2;
    }

    /** Blink potentials fall off with distance from the eyes; nothing from central sites backwards. */
    private static double blinkWeight(ScalpSite site) {
        String upper = site.label().toUpperCase(Locale.ROOT);
        return switch (site.region()) {
            case FRONTOPOLAR -> upper.startsWith("FP") ? 1.0 : 0.6;
            case FRONTAL -> site.isLateralFrontal() ? 0.35 : 0.3;
            case FRONTOCENTRAL -> 0.12;
            case TEMPORAL -> upper.startsWith("T") && !upper.startsWith("TP") ? 0.05 : 0.0;
            case CENTRAL, PARIETAL, OCCIPITAL -> 0.0;
        };
    }

    /** Muscle (temporalis, frontalis, neck) weight per region. */
    private static double emgWeight(ScalpSite site) {
        String upper = site.label().toUpperCase(Locale.ROOT);
        return switch (site.region()) {
            case TEMPORAL -> 1.0;
            case FRONTOCENTRAL -> upper.startsWith("FT") ? 0.8 : 0.25;
            case FRONTAL -> site.isLateralFrontal() ? 0.7 : 0.25;
            case FRONTOPOLAR -> 0.4;
            case OCCIPITAL -> 0.15;
            case CENTRAL, PARIETAL -> 0.05;
        };
    }

    /** How much a burst on {@code burstSide} reaches an electrode on {@code site}. */
    private static double sideFactor(Side site, Side burstSide) {
        if (site == Side.MIDLINE) return 0.5;
        return site == burstSide ? 1.0 : 0.1;
    }

    /**
     * A second-order resonator {@code x[n] = 2 r cos(w) x[n-1] - r^2 x[n-2] + e[n]} with poles at
     * radius {@code r = exp(-pi B / fs)} (about B Hz wide), output scaled to unit variance for
     * unit-variance input. Confined to the generator's thread.
     */
    private static final class Resonator {
        private final double c1;
        private final double c2;
        private final double norm;
        private double x1;
        private double x2;

        Resonator(double centreHz, double bandwidthHz, double rateHz) {
            double r = Math.exp(-Math.PI * bandwidthHz / rateHz);
            double phi1 = 2 * r * Math.cos(2 * Math.PI * centreHz / rateHz);
            double phi2 = -r * r;
            c1 = phi1;
            c2 = -phi2;
            // stationary variance of an AR(2) process driven by unit white noise
            double variance = (1 - phi2) / ((1 + phi2) * ((1 - phi2) * (1 - phi2) - phi1 * phi1));
            norm = 1 / Math.sqrt(variance);
        }

        double step(double e) {
            double x = c1 * x1 - c2 * x2 + e;
            x2 = x1;
            x1 = x;
            return x * norm;
        }
    }
}
