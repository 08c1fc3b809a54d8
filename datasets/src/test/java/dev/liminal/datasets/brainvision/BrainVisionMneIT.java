package dev.liminal.datasets.brainvision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liminal.core.Annotation;
import dev.liminal.core.ChannelInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.RecordingReader;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads the same BrainVision files with Liminal and with MNE-Python (Debian's
 * {@code /usr/bin/python3}, through {@code src/test/python/brainvision_dump.py}) and compares
 * channels, rate, every sample, the start date and the markers. Skips when MNE is missing,
 * unless {@code LIMINAL_REQUIRE_INTEROP=1}.
 */
class BrainVisionMneIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/brainvision_dump.py");
    private static final long PYTHON_TIMEOUT_SECONDS = 300;
    /**
     * MNE returns volts (raw x resolution x 1e-6 in float64) and the comparison scales them back
     * by 1e6: both sides agree to a few units in the last place.
     */
    private static final double RELATIVE_TOLERANCE = 1e-12;
    /** Absolute floor of the comparison for samples that are 0. */
    private static final double ABSOLUTE_TOLERANCE = 1e-12;
    /** Marker onsets and durations: whole samples divided by the rate on both sides. */
    private static final double TIME_TOLERANCE_SECONDS = 1e-9;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireMne() throws IOException, InterruptedException {
        boolean available = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import mne")) == 0;
        String why = "MNE-Python is not importable by " + PYTHON + " (Debian package python3-mne)";
        if ("1".equals(System.getenv("LIMINAL_REQUIRE_INTEROP"))) {
            assertTrue(available, why + ", and LIMINAL_REQUIRE_INTEROP=1");
        }
        Assumptions.assumeTrue(available, why + ": interop test skipped");
    }

    @Test
    void agreesWithMneOnTheVisionRecorderFixture() throws Exception {
        compareWithMne(BrainVisionReaderTest.VHDR.toAbsolutePath());
    }

    @Test
    void agreesWithMneOnVectorizedInt32InThreeUnits() throws Exception {
        int n = 1500;
        String vhdr = "Brain Vision Data Exchange Header File Version 1.0\n[Common Infos]\nCodepage=UTF-8\n"
                + "DataFile=v.eeg\nMarkerFile=v.vmrk\nDataFormat=BINARY\nDataOrientation=VECTORIZED\n"
                + "NumberOfChannels=3\nSamplingInterval=4000\n[Binary Infos]\nBinaryFormat=INT_32\n"
                + "[Channel Infos]\nCh1=Fz,,0.1,\u00B5V\nCh2=EOG\\1left,,0.002,mV\nCh3=GSR,,0.5,\u00B5S\n";
        ByteBuffer b = ByteBuffer.allocate(3 * n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < n; k++) b.putInt((k * 7919 + c * 104_729) % 200_003 - 100_000);
        }
        String vmrk = "Brain Vision Data Exchange Marker File, Version 1.0\n[Common Infos]\nCodepage=UTF-8\n"
                + "[Marker Infos]\nMk1=New Segment,,1,1,0,20200304050607123456\nMk2=Stimulus,S  7,250,3,2\n"
                + "Mk3=Comment,eyes closed,1000,0,0\n";
        Files.writeString(dir.resolve("v.vhdr"), vhdr, StandardCharsets.UTF_8);
        Files.write(dir.resolve("v.eeg"), b.array());
        Files.writeString(dir.resolve("v.vmrk"), vmrk, StandardCharsets.UTF_8);
        compareWithMne(dir.resolve("v.vhdr"));
    }

    @Test
    void agreesWithMneOnMultiplexedAsciiData() throws Exception {
        String vhdr = "Brain Vision Data Exchange Header File Version 1.0\n[Common Infos]\nCodepage=UTF-8\n"
                + "DataFile=a.dat\nMarkerFile=a.vmrk\nDataFormat=ASCII\nDataOrientation=MULTIPLEXED\n"
                + "NumberOfChannels=2\nSamplingInterval=2000\n[ASCII Infos]\nDecimalSymbol=.\nSkipLines=1\n"
                + "[Channel Infos]\nCh1=Cz,,1,\u00B5V\nCh2=Pz,,1,\u00B5V\n";
        StringBuilder data = new StringBuilder("Cz Pz\n");
        for (int k = 0; k < 700; k++) data.append(k * 0.25).append(' ').append(-k * 1.5 + 3).append('\n');
        String vmrk = "Brain Vision Data Exchange Marker File, Version 1.0\n[Marker Infos]\nMk1=Stimulus,S  1,35,1,0\n";
        Files.writeString(dir.resolve("a.vhdr"), vhdr, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("a.dat"), data, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("a.vmrk"), vmrk, StandardCharsets.UTF_8);
        compareWithMne(dir.resolve("a.vhdr"));
    }

    private void compareWithMne(Path vhdr) throws Exception {
        Path bin = dir.resolve("mne-data.bin");
        Path json = dir.resolve("mne.json");
        int exit = run(List.of(PYTHON.toString(), SCRIPT.toAbsolutePath().toString(), vhdr.toString(), bin.toString()),
                json);
        assertEquals(0, exit, () -> "MNE failed on " + vhdr + ": " + read(errors(json)));
        JsonNode mne = new ObjectMapper().readTree(json.toFile());

        try (RecordingReader reader = new BrainVisionFormat().open(vhdr)) {
            RecordingInfo info = reader.info();
            RecordedStream s = info.streams().get(0);
            List<ChannelInfo> channels = s.info().channels();
            int count = channels.size();
            assertEquals(mne.get("sfreq").asDouble(), s.info().nominalRateHz(), 0.0);
            assertEquals(mne.get("n_times").asLong(), s.sampleCount());
            for (int c = 0; c < count; c++) assertEquals(mne.get("ch_names").get(c).asText(), channels.get(c).label());

            JsonNode date = mne.get("meas_date");
            if (date.isNull()) {
                assertNull(info.startTime());
            } else {
                assertEquals(OffsetDateTime.parse(date.asText()).toInstant(), info.startTime());
            }

            JsonNode annotations = mne.get("annotations");
            assertEquals(annotations.size(), info.annotations().size());
            for (int i = 0; i < annotations.size(); i++) {
                JsonNode a = annotations.get(i);
                Annotation ours = info.annotations().get(i);
                // MNE writes "Type/" when the description is empty; Liminal writes "Type"
                String text = a.get(2).asText();
                assertEquals(text.endsWith("/") ? text.substring(0, text.length() - 1) : text, ours.text());
                assertEquals(a.get(0).asDouble(), ours.onsetSeconds(), TIME_TOLERANCE_SECONDS, text);
                assertEquals(a.get(1).asDouble(), ours.durationSeconds(), TIME_TOLERANCE_SECONDS, text);
            }

            int n = (int) s.sampleCount();
            double[][] ourData = new double[count][n];
            reader.readSamples(0, 0, n, ourData, 0);
            ByteBuffer theirs = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals((long) count * n * Double.BYTES, theirs.capacity());
            for (int c = 0; c < count; c++) {
                double toOurs = mneToLiminal(channels.get(c).attribute("file_unit"));
                for (int k = 0; k < n; k++) {
                    double expected = theirs.getDouble((c * n + k) * Double.BYTES) * toOurs;
                    double tolerance = Math.max(ABSOLUTE_TOLERANCE, Math.abs(expected) * RELATIVE_TOLERANCE);
                    if (Math.abs(expected - ourData[c][k]) > tolerance) {
                        fail(channels.get(c).label() + " sample " + k + ": MNE " + expected + " vs Liminal " + ourData[c][k]);
                    }
                }
            }
        }
    }

    /**
     * The factor from MNE's value to Liminal's. MNE scales voltages to volts and micro-siemens to
     * siemens (its brainvision.py {@code _unit_dict}); Liminal keeps microvolts and the file's unit.
     */
    private static double mneToLiminal(String fileUnit) {
        switch (fileUnit.replace('\u00B5', 'u')) {
            case "uV": case "mV": case "V": case "nV": return 1e6;
            case "uS": return 1e6;
            default: return 1.0;
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("liminal-mne-probe", ".txt");
        try {
            return run(command, out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(errors(out));
        }
    }

    /** Runs a command with stdout to {@code out} and stderr to {@link #errors(Path) errors(out)}; returns the exit code. */
    private static int run(List<String> command, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(errors(out).toFile()).start();
        if (!p.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + PYTHON_TIMEOUT_SECONDS + " s");
        }
        return p.exitValue();
    }

    private static Path errors(Path out) {
        return out.resolveSibling(out.getFileName() + ".err");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
