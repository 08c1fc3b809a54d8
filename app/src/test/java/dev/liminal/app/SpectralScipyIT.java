package dev.liminal.app;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.liminal.app.SpectralFixtures.GENERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code psd} and {@code bandpower} against SciPy ({@code scipy.signal.welch} and
 * {@code scipy.signal.spectrogram} in Debian's {@code /usr/bin/python3}), run at test time by
 * {@code src/test/python/scipy_spectral.py} on the same samples of one EDF channel. Skipped with
 * the reason when SciPy is missing, unless {@code LIMINAL_REQUIRE_INTEROP=1}.
 */
class SpectralScipyIT {
    /** Two FFT implementations in double precision: rounding only. */
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/scipy_spectral.py");
    private static final boolean REQUIRED = "1".equals(System.getenv("LIMINAL_REQUIRE_INTEROP"));
    /** A broadband channel, so that every band holds power. */
    private static final String CHANNEL = "noise";

    private static String scipyMissing;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findScipy() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import scipy.signal").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            scipyMissing = p.waitFor() == 0 ? null : "SciPy is not importable by " + PYTHON + ": " + text.strip();
        } catch (IOException e) {
            scipyMissing = PYTHON + " cannot be started: " + e.getMessage();
        }
    }

    @Test
    void bandPowersEqualScipySpectrogramSummedOverBandBins() throws Exception {
        requireScipy();
        String bands = "delta:1-4,theta:4-8,alpha:8-13,beta:13-30,gamma:30-45,wide:0-100";
        List<String[]> expected = scipy("bandpower", "2", "0.5", bands);
        CliRun r = CliRun.of("bandpower", GENERATOR.toString(), "--channels", CHANNEL, "--window-seconds", "2",
                "--hop-seconds", "0.5", "--bands", bands);
        assertEquals(0, r.exitCode(), r.describe());
        List<String[]> actual = SpectralFixtures.rows(r.out());
        assertEquals(expected.size(), actual.size(), "frames x bands");
        for (int i = 0; i < actual.size(); i++) {
            String[] want = expected.get(i);
            String[] got = actual.get(i);
            assertEquals(Double.parseDouble(want[0]), Double.parseDouble(got[0]), 1e-9, "time_s of row " + i);
            assertEquals(want[1], got[2]);
            assertClose(Double.parseDouble(want[2]), Double.parseDouble(got[5]), "power of row " + i);
            assertClose(Double.parseDouble(want[3]), Double.parseDouble(got[6]), "relative of row " + i);
        }
    }

    @Test
    void psdEqualsScipyWelch() throws Exception {
        requireScipy();
        List<String[]> expected = scipy("psd", "3", "0.5", null);
        CliRun r = CliRun.of("psd", GENERATOR.toString(), "--channels", CHANNEL, "--window-seconds", "3");
        assertEquals(0, r.exitCode(), r.describe());
        List<String[]> actual = SpectralFixtures.rows(r.out());
        assertEquals(expected.size(), actual.size(), "bins");
        for (int k = 0; k < actual.size(); k++) {
            assertEquals(Double.parseDouble(expected.get(k)[0]), Double.parseDouble(actual.get(k)[1]), 1e-12);
            assertClose(Double.parseDouble(expected.get(k)[1]), Double.parseDouble(actual.get(k)[2]), "bin " + k);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(SpectralFixtures.close(expected, actual, RELATIVE_TOLERANCE), what + ": " + actual + " vs SciPy " + expected);
    }

    private static void requireScipy() {
        if (scipyMissing == null) return;
        if (REQUIRED) fail("LIMINAL_REQUIRE_INTEROP=1 but SciPy is unavailable: " + scipyMissing);
        Assumptions.abort(scipyMissing);
    }

    /** Runs the SciPy script on the channel's samples; its CSV rows without the header. */
    private List<String[]> scipy(String mode, String windowSeconds, String hopOrOverlap, String bands) throws Exception {
        double[] x = SpectralFixtures.samples(GENERATOR, CHANNEL);
        ByteBuffer bytes = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : x) bytes.putDouble(v);
        Path raw = tmp.resolve("samples.f64");
        Files.write(raw, bytes.array());
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), mode, raw.toString(), "200",
                windowSeconds, hopOrOverlap));
        if (bands != null) command.add(bands);
        Path out = tmp.resolve("scipy.csv");
        Path err = tmp.resolve("scipy.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the SciPy script did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), "SciPy script failed: " + Files.readString(err));
        return SpectralFixtures.rows(Files.readString(out));
    }
}
