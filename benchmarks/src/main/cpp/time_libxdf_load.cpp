// Times libxdf's Xdf::load_xdf on one file: one untimed warm-up load, then N timed loads, each
// into a fresh Xdf object. Prints one "RESULT ..." line (median and minimum wall-clock seconds,
// MB/s of file bytes, 1 MB = 1e6 bytes) and, after the timed loads, a "SUMMARY ..." line per
// stream so a caller can check what libxdf saw (channel count, samples, first values, markers).
//
// Build: g++ -O2 -std=c++17 -o time_libxdf_load time_libxdf_load.cpp -lxdf
// Usage: time_libxdf_load FILE.xdf [REPETITIONS]
//
// load_xdf prints its own progress lines to stdout; callers read only RESULT/SUMMARY lines.

#include <xdf.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double timedLoad(const std::string& path, bool summarize) {
    Xdf xdf;
    auto start = std::chrono::steady_clock::now();
    int status = xdf.load_xdf(path);
    auto stop = std::chrono::steady_clock::now();
    if (status != 0) {
        std::fprintf(stderr, "time_libxdf_load: load_xdf('%s') returned %d\n", path.c_str(), status);
        std::exit(3);
    }
    if (summarize) {
        for (size_t s = 0; s < xdf.streams.size(); s++) {
            const Xdf::Stream& st = xdf.streams[s];
            size_t samples = st.time_series.empty() ? 0 : st.time_series[0].size();
            size_t events = 0;
            for (const auto& e : xdf.eventMap) {
                if (e.second == static_cast<int>(s)) events++;
            }
            std::printf("SUMMARY stream=%zu name=%s format=%s channels=%d srate=%g samples=%zu timestamps=%zu "
                        "events=%zu first_ts=%.6f last_ts=%.6f footer_count=%d",
                        s, st.info.name.c_str(), st.info.channel_format.c_str(), st.info.channel_count,
                        st.info.nominal_srate, samples, st.time_stamps.size(), events, st.info.first_timestamp,
                        st.info.last_timestamp, st.info.sample_count);
            if (samples > 0) {
                std::printf(" ch0_first=");
                for (size_t k = 0; k < std::min<size_t>(5, samples); k++) {
                    std::printf("%s%.4f", k == 0 ? "" : ",", st.time_series[0][k]);
                }
                std::printf(" chlast_last=%.4f", st.time_series.back().back());
            }
            std::printf("\n");
        }
    }
    return std::chrono::duration<double>(stop - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s FILE.xdf [REPETITIONS]\n", argv[0]);
        return 2;
    }
    std::string path = argv[1];
    int reps = argc == 3 ? std::atoi(argv[2]) : 3;
    if (reps < 1) {
        std::fprintf(stderr, "time_libxdf_load: repetitions %s is not a positive number\n", argv[2]);
        return 2;
    }
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) {
        std::fprintf(stderr, "time_libxdf_load: cannot stat '%s'\n", path.c_str());
        return 2;
    }
    timedLoad(path, false);  // warm-up: page cache, allocator
    std::vector<double> seconds;
    for (int r = 0; r < reps; r++) {
        seconds.push_back(timedLoad(path, r == reps - 1));
    }
    double med = median(seconds);
    double min = *std::min_element(seconds.begin(), seconds.end());
    std::printf("RESULT reader=libxdf file=%s bytes=%lld reps=%d median_s=%.4f min_s=%.4f mb_per_s=%.1f all_s=",
                path.c_str(), static_cast<long long>(st.st_size), reps, med, min, st.st_size / 1e6 / med);
    for (size_t i = 0; i < seconds.size(); i++) std::printf("%s%.4f", i == 0 ? "" : ",", seconds[i]);
    std::printf("\n");
    return 0;
}
