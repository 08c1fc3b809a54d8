// Prints what libxdf (Debian libxdf-dev, Xdf::load_xdf) reads from a file the recorder wrote,
// tab-separated, for XdfRecorderCrashIT:
//   STREAM <name> <samples> <channel sums...>      (numeric streams; sums of float values as double)
//   EVENTS <name> <count>                           (string streams)
// Usage: recorder_check FILE
#include <xdf.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: recorder_check FILE\n");
        return 64;
    }
    // load_xdf reports progress on std::cout; keep the output machine-readable
    std::ostringstream chatter;
    std::streambuf* saved = std::cout.rdbuf(chatter.rdbuf());
    Xdf xdf;
    int rc = xdf.load_xdf(argv[1]);
    std::cout.rdbuf(saved);
    if (rc != 0) {
        std::printf("ERROR\tload_xdf returned %d\n", rc);
        return 2;
    }
    std::map<int, size_t> events;
    for (const auto& e : xdf.eventMap) events[e.second]++;
    for (size_t i = 0; i < xdf.streams.size(); ++i) {
        const Xdf::Stream& s = xdf.streams[i];
        if (s.info.channel_format == "string") {
            std::printf("EVENTS\t%s\t%zu\n", s.info.name.c_str(), events[static_cast<int>(i)]);
            continue;
        }
        std::printf("STREAM\t%s\t%zu", s.info.name.c_str(), s.time_stamps.size());
        for (const auto& row : s.time_series) {
            double sum = 0;
            for (float v : row) sum += v;
            std::printf("\t%.17g", sum);
        }
        std::printf("\n");
    }
    return 0;
}
