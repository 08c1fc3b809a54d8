// Prints what libxdf (Debian libxdf-dev, Xdf::load_xdf) reads from an XDF file, one fact per
// line, tab-separated, for XdfInteropIT to compare with Liminal's reader:
//   STREAMS <n>
//   STREAM <i> <name> <type> <channel_count> <nominal_srate> <channel_format> <samples> <first_ts> <last_ts>
//   CHANNEL <i> <c> <label> <unit> <type>
//   SUM <i> <c> <sum of values as double> <sum of time stamps>
//   SAMPLE <i> <k> <time stamp> <value 0> <value 1> ...   (every sample of streams up to --all samples,
//                                                           else samples 0, 1, n/2 and n-1)
//   EVENT <i> <time stamp> <text>
// Usage: xdf_check FILE [--all N]
#include <xdf.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>

static void printSample(const Xdf::Stream& s, size_t i, size_t k) {
    std::printf("SAMPLE\t%zu\t%zu\t%.17g", i, k, s.time_stamps[k]);
    for (const auto& row : s.time_series) {
        std::printf("\t%.9g", static_cast<double>(row[k]));
    }
    std::printf("\n");
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: xdf_check FILE [--all N]\n");
        return 64;
    }
    size_t all = 1000;
    if (argc >= 4 && std::strcmp(argv[2], "--all") == 0) all = std::strtoul(argv[3], nullptr, 10);

    // load_xdf reports its progress on std::cout; keep our output machine-readable
    std::ostringstream chatter;
    std::streambuf* saved = std::cout.rdbuf(chatter.rdbuf());
    Xdf xdf;
    int rc = xdf.load_xdf(argv[1]);
    std::cout.rdbuf(saved);
    if (rc != 0) {
        std::printf("ERROR\tload_xdf returned %d\n", rc);
        return 2;
    }

    std::printf("STREAMS\t%zu\n", xdf.streams.size());
    for (size_t i = 0; i < xdf.streams.size(); ++i) {
        const Xdf::Stream& s = xdf.streams[i];
        size_t n = s.time_stamps.size();
        std::printf("STREAM\t%zu\t%s\t%s\t%d\t%.17g\t%s\t%zu\t%.17g\t%.17g\n", i, s.info.name.c_str(),
                    s.info.type.c_str(), s.info.channel_count, s.info.nominal_srate, s.info.channel_format.c_str(), n,
                    n ? s.time_stamps.front() : 0.0, n ? s.time_stamps.back() : 0.0);
        for (size_t c = 0; c < s.info.channels.size(); ++c) {
            auto get = [&](const char* key) {
                auto it = s.info.channels[c].find(key);
                return it == s.info.channels[c].end() ? std::string() : it->second;
            };
            std::printf("CHANNEL\t%zu\t%zu\t%s\t%s\t%s\n", i, c, get("label").c_str(), get("unit").c_str(),
                        get("type").c_str());
        }
        double tsum = 0;
        for (double t : s.time_stamps) tsum += t;
        for (size_t c = 0; c < s.time_series.size(); ++c) {
            double sum = 0;
            for (float v : s.time_series[c]) sum += v;
            std::printf("SUM\t%zu\t%zu\t%.17g\t%.17g\n", i, c, sum, tsum);
        }
        if (s.time_series.empty() || s.time_series[0].size() != n) continue;
        if (n <= all) {
            for (size_t k = 0; k < n; ++k) printSample(s, i, k);
        } else if (n > 0) {
            size_t picks[] = {0, 1, n / 2, n - 1};
            for (size_t k : picks) printSample(s, i, k);
        }
    }
    for (const auto& e : xdf.eventMap) {
        std::printf("EVENT\t%d\t%.17g\t%s\n", e.second, e.first.second, e.first.first.c_str());
    }
    return 0;
}
