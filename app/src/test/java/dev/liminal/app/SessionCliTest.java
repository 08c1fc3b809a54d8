package dev.liminal.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liminal.core.session.Dose;
import dev.liminal.core.session.DoseTierTable;
import dev.liminal.core.session.EventReport;
import dev.liminal.core.session.EyeState;
import dev.liminal.core.session.EyeStateChange;
import dev.liminal.core.session.Formulation;
import dev.liminal.core.session.ProbeResponse;
import dev.liminal.core.session.ProtocolDefinition;
import dev.liminal.core.session.Route;
import dev.liminal.core.session.SessionPhase;
import dev.liminal.core.session.SessionTimeline;
import dev.liminal.datasets.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session metadata through {@code info} and {@code convert}, with the real formats and sidecars. */
class SessionCliTest {
    @TempDir
    Path tmp;

    /** A 300 s session on short_psg.edf: baseline, infusion, emergence; one 0.5 mg/kg IV dose. */
    static SessionTimeline session() {
        return new SessionTimeline(ProtocolDefinition.DEFAULT,
                List.of(new SessionPhase("BASELINE", 0, 60), new SessionPhase("INFUSION", 60, 240),
                        new SessionPhase("EMERGENCE", 240, 300)),
                List.of(Dose.of(0.5, 70, Route.IV, Formulation.RACEMIC_KETAMINE, 180, 60)),
                DoseTierTable.DEFAULT,
                List.of(new EyeStateChange(0, EyeState.CLOSED)),
                List.of(new ProbeResponse("dissociation", 120, 35, 2.5), new ProbeResponse("anxiety", 200, 10, 1.5)),
                List.of(new EventReport(150, "out of body now")),
                Map.of());
    }

    private Path recordingWithSidecars() throws IOException {
        Path edf = tmp.resolve("sub-01_ses-low_eeg.edf");
        Files.copy(CliRun.fixture("edf/short_psg.edf"), edf);
        Recordings.attachSession(edf, session());
        return edf;
    }

    private static JsonNode json(Path file) throws IOException {
        CliRun r = CliRun.of("info", "--json", file.toString());
        assertEquals(0, r.exitCode(), r.describe());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void infoShowsTheSessionFromSidecars() throws IOException {
        Path edf = recordingWithSidecars();
        JsonNode s = json(edf).get("session");
        assertEquals(List.of("BASELINE", "INFUSION", "EMERGENCE"),
                List.of(s.at("/phases/0/name").asText(), s.at("/phases/1/name").asText(), s.at("/phases/2/name").asText()));
        assertEquals("MODERATE", s.at("/doses/0/tier").asText());
        assertEquals(35.0, s.at("/doses/0/totalMg").asDouble());
        assertEquals(2, s.get("probeCount").asInt());
        assertEquals(1, s.get("eventReportCount").asInt());
        assertEquals(1, s.get("eyeStateChangeCount").asInt());

        CliRun text = CliRun.of("info", edf.toString());
        assertTrue(text.out().contains("Session:\n  protocol default [BASELINE, INFUSION, EMERGENCE, RECOVERY]\n"), text.out());
        assertTrue(text.out().contains("  INFUSION        60    240"), text.out());
        assertTrue(text.out().contains("  probes 2 (2 answered), event reports 1, eye state changes 1"), text.out());
    }

    @Test
    void convertEmbedsTheSessionThroughBdfAndXdf() throws IOException {
        Path edf = recordingWithSidecars();
        JsonNode expected = json(edf).get("session");
        Path bdf = tmp.resolve("copy.bdf");
        Path xdf = tmp.resolve("copy.xdf");
        Path back = tmp.resolve("back.edf");
        for (Path[] step : new Path[][] {{edf, bdf}, {bdf, xdf}, {xdf, back}}) {
            CliRun r = CliRun.of("convert", step[0].toString(), step[1].toString());
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(expected, json(step[1]).get("session"), "session in " + step[1].getFileName());
            assertEquals(0, json(step[1]).get("annotationCount").asInt(),
                    "session markers are decoded into the session, not listed as annotations");
        }
    }
}
