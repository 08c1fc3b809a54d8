package dev.liminal.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@link ScaffoldTextFormat} files for tests. Stateless. */
final class ScaffoldFiles {
    private ScaffoldFiles() {}

    /**
     * A small recording: two EEG channels at 4 Hz for 3 s (values c*100 + k), one marker
     * stream with 2 markers, 12 annotations, a session with two phases, one 0.5 mg/kg IV dose
     * (MODERATE by the default table) and 2 probes, one answered.
     */
    static Path session(Path dir) throws IOException {
        StringBuilder b = new StringBuilder(ScaffoldTextFormat.MAGIC).append('\n');
        b.append("start 2024-03-05T09:30:00.250Z\n");
        b.append("variant LSCAF+S\n");
        b.append("property patient=X F X anonymous\n");
        b.append("property recording=Startdate 05-MAR-2024 lab\n");
        b.append("warning clock reset at 1.5 s\n");
        b.append("stream headset|EEG|4.0|float32|dev-42|Cz:uV,Pz:uV\n");
        b.append("stream protocol|Markers|0.0|string|mk-1|marker:\n");
        for (int i = 0; i < 12; i++) b.append("annotation ").append(i * 0.25).append("|NaN|note ").append(i).append('\n');
        b.append("phase BASELINE|0|1.5\n");
        b.append("phase INFUSION|1.5|3\n");
        b.append("dose 0.5|70|IV|RACEMIC_KETAMINE|2400|1.5\n");
        b.append("probe dissociation|2|40|1.25\n");
        b.append("probe anxiety|2.5|NaN|NaN\n");
        for (int k = 0; k < 12; k++) {
            b.append("data 0|").append(k / 4.0).append('|').append(k).append(',').append(100 + k).append('\n');
        }
        b.append("data 1|0.5|infusion start\n");
        b.append("data 1|2.75|eyes closed\n");
        Path file = dir.resolve("session.lscaf");
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }
}
