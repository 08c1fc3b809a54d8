package dev.liminal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.liminal.acquisition.lsl.LslResolver;
import dev.liminal.acquisition.lsl.LslStreamInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code liminal streams [--seconds 2] [--json]}: the LSL streams visible within the wait, as a
 * table or JSON. Confined to the main thread.
 */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"List the LSL streams visible from this machine.",
                "Waits --seconds for answers, then prints one row per stream (sorted by name)."},
        footer = {"", "Columns: name, type, channels, rate_hz, format, host, source_id",
                "--json prints an array of objects with the keys name, type, channels, rate_hz",
                "(0 for irregular streams), format, host, source_id, uid."})
final class StreamsCommand implements Callable<Integer> {
    /** Longest wait accepted, so a typo cannot hang a script for hours. */
    static final double MAX_SECONDS = 600;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    LslCliOptions lsl;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "How long to wait for streams to answer, in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--seconds " + seconds + " is not in (0, " + MAX_SECONDS + "]");
        }
        List<LslStreamInfo> found = new ArrayList<>(LslResolver.resolve("", 0,
                Duration.ofNanos((long) (seconds * 1e9)), lsl.config()));
        found.sort(Comparator.comparing(LslStreamInfo::name).thenComparing(LslStreamInfo::sourceId)
                .thenComparing(LslStreamInfo::uid));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(found));
        } else if (found.isEmpty()) {
            out.println("no LSL streams visible within " + NumberText.plain(seconds) + " s");
        } else {
            TextTable t = new TextTable("name", "type", ">channels", ">rate_hz", "format", "host", "source_id");
            for (LslStreamInfo s : found) {
                t.row(s.name(), s.type(), s.channelCount(), NumberText.rate(s.nominalSrateHz()),
                        s.channelFormat().wireName(), s.hostname(), s.sourceId());
            }
            t.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The streams as pretty-printed JSON (no trailing newline). */
    static String json(List<LslStreamInfo> streams) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (LslStreamInfo s : streams) {
            ObjectNode o = array.addObject();
            o.put("name", s.name());
            o.put("type", s.type());
            o.put("channels", s.channelCount());
            o.put("rate_hz", s.nominalSrateHz());
            o.put("format", s.channelFormat().wireName());
            o.put("host", s.hostname());
            o.put("source_id", s.sourceId());
            o.put("uid", s.uid());
        }
        try {
            return MAPPER.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory could not be written", e);
        }
    }
}
