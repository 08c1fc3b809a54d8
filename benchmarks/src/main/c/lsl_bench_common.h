/*
 * Shared setup of the liblsl benchmark programs (lsl_bench_throughput.c, lsl_bench_latency.c):
 * loopback-only configuration, one outlet and one inlet in the same process, connected over
 * 127.0.0.1 TCP exactly as two processes would be.
 */
#ifndef LIMINAL_LSL_BENCH_COMMON_H
#define LIMINAL_LSL_BENCH_COMMON_H

#include <errno.h>
#include <lsl_c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Machine-only liblsl configuration (keys from liblsl's src/api_config.cpp), used when LSLAPICFG
 * is unset: queries to 127.0.0.1 only, TTL 0, responders on 127.0.0.1, no IPv6. */
#define BENCH_LOOPBACK_CONFIG                                                                      \
	"[ports]\nIPv6 = disable\n"                                                                    \
	"[multicast]\nResolveScope = machine\nListenAddress = 127.0.0.1\nInterfaces = {127.0.0.1}\n"   \
	"[lab]\nKnownPeers = {127.0.0.1}\nSessionID = liminal-bench\n"

/* Seconds to find the benchmark's own stream and to open the inlet. */
#define BENCH_CONNECT_TIMEOUT_S 10.0

static inline void bench_fail(const char *what) {
	fprintf(stderr, "%s failed: %s\n", what, lsl_last_error());
	exit(4);
}

static inline double bench_arg(int argc, char **argv, const char *name, double fallback) {
	for (int a = 1; a + 1 < argc; a += 2)
		if (!strcmp(argv[a], name)) {
			char *end;
			double v = strtod(argv[a + 1], &end);
			if (*end != '\0') {
				fprintf(stderr, "%s is not a number: '%s'\n", name, argv[a + 1]);
				exit(2);
			}
			return v;
		}
	return fallback;
}

static inline void bench_sleep_until(double deadline) {
	double d = deadline - lsl_local_clock();
	if (d <= 0) return;
	struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* Creates a float32 outlet named after the benchmark and this process, resolves it, opens an
 * inlet on it and waits until the outlet sees the consumer. buffer_s sizes both queues. */
static inline void bench_connect(const char *bench, int channels, double rate_hz, int buffer_s,
	lsl_outlet *out, lsl_inlet *in) {
	const char *cfg = getenv("LSLAPICFG");
	if (!cfg || !*cfg) lsl_set_config_content(BENCH_LOOPBACK_CONFIG);
	char name[96], pred[160];
	snprintf(name, sizeof name, "liminal-%s-%ld", bench, (long)getpid());
	snprintf(pred, sizeof pred, "name='%s'", name);
	lsl_streaminfo info = lsl_create_streaminfo(name, "EEG", channels, rate_hz, cft_float32, name);
	if (!info) bench_fail("lsl_create_streaminfo");
	*out = lsl_create_outlet(info, 0, buffer_s);
	if (!*out) bench_fail("lsl_create_outlet");
	lsl_streaminfo found;
	if (lsl_resolve_bypred(&found, 1, pred, 1, BENCH_CONNECT_TIMEOUT_S) < 1)
		bench_fail("lsl_resolve_bypred");
	*in = lsl_create_inlet(found, buffer_s, 0, 0);
	if (!*in) bench_fail("lsl_create_inlet");
	int32_t ec = 0;
	lsl_open_stream(*in, BENCH_CONNECT_TIMEOUT_S, &ec);
	if (ec) bench_fail("lsl_open_stream");
	if (!lsl_wait_for_consumers(*out, BENCH_CONNECT_TIMEOUT_S)) bench_fail("lsl_wait_for_consumers");
	lsl_destroy_streaminfo(found);
	lsl_destroy_streaminfo(info);
}

#endif
