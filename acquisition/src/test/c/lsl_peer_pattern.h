/*
 * Deterministic sample pattern shared by lsl_peer_outlet.c and lsl_peer_inlet.c. The Java twin is
 * dev.liminal.acquisition.lsl.interop.PeerPattern; both must compute exactly the same values.
 *
 * For sample index i (0 <= i < 2^24) and channel c (0 <= c < 1024):
 *   int8     ((7 i + 13 c) mod 256) - 128                      every value of the range
 *   int16    ((251 i + 4099 c) mod 65536) - 32768              every value of the range
 *   int32    ((65599 i + 16777619 c) mod 2^32) - 2^31          spans the whole range
 *   int64    s (i + 1) 1099511628211 + c, s = -1 for odd c      beyond 2^53: not a double in disguise
 *   float32  (((7 i + 13 c) mod 8192) - 4096) / 8              exact in float
 *   double64 s (2^30 + 3 c + i / 2^20), s = -1 for odd c        exact in double, not in float
 *   string   "s<i>-c<c>"; when i mod 50 == 49 and c == 0, followed by "-" and 100 times "\xC2\xB5V"
 *            ("µV" in UTF-8), 301 more bytes, so that lengths above 255 bytes are exercised
 * Time stamps: t(i) = t0 + i dt with dt = 1 / rate, or 1/1000 s for an irregular stream (rate 0).
 *
 * Header-only (static functions): each peer program is one translation unit plus this file.
 */
#ifndef LIMINAL_LSL_PEER_PATTERN_H
#define LIMINAL_LSL_PEER_PATTERN_H

#include <lsl_c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest pattern string: "s16777215-c1023" (15 bytes) + 1 + 300 bytes + NUL. */
#define PATTERN_STRING_MAX 320
/* Largest sample index for which the formulas above are specified. */
#define PATTERN_MAX_SAMPLES (1L << 24)
#define PATTERN_MAX_CHANNELS 1024
/* Spacing of time stamps of an irregular stream, seconds. */
#define PATTERN_IRREGULAR_DT 0.001

static inline int64_t pattern_int(lsl_channel_format_t fmt, int64_t i, int64_t c) {
	switch (fmt) {
	case cft_int8: return ((7 * i + 13 * c) % 256) - 128;
	case cft_int16: return ((251 * i + 4099 * c) % 65536) - 32768;
	case cft_int32: return ((65599 * i + 16777619 * c) % 4294967296LL) - 2147483648LL;
	case cft_int64: return ((c % 2) ? -1 : 1) * (i + 1) * 1099511628211LL + c;
	default: return 0;
	}
}

static inline float pattern_float(int64_t i, int64_t c) {
	return (float)(((7 * i + 13 * c) % 8192) - 4096) / 8.0f;
}

static inline double pattern_double(int64_t i, int64_t c) {
	double v = 1073741824.0 + 3.0 * (double)c + (double)i / 1048576.0;
	return (c % 2) ? -v : v;
}

/* Writes the pattern string into out (PATTERN_STRING_MAX bytes) and returns its length. */
static inline int pattern_string(int64_t i, int64_t c, char *out) {
	int n = snprintf(out, PATTERN_STRING_MAX, "s%lld-c%lld", (long long)i, (long long)c);
	if (i % 50 == 49 && c == 0) {
		out[n++] = '-';
		for (int k = 0; k < 100; k++) {
			out[n++] = (char)0xC2;
			out[n++] = (char)0xB5;
			out[n++] = 'V';
		}
		out[n] = '\0';
	}
	return n;
}

static inline double pattern_dt(double rate_hz) { return rate_hz > 0 ? 1.0 / rate_hz : PATTERN_IRREGULAR_DT; }

static inline double pattern_timestamp(double t0, int64_t i, double rate_hz) {
	return t0 + (double)i * pattern_dt(rate_hz);
}

static inline int parse_format(const char *s, lsl_channel_format_t *out) {
	static const struct {
		const char *name;
		lsl_channel_format_t fmt;
	} names[] = {{"float32", cft_float32}, {"double64", cft_double64}, {"string", cft_string},
		{"int32", cft_int32}, {"int16", cft_int16}, {"int8", cft_int8}, {"int64", cft_int64}};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strcmp(s, names[k].name) == 0) {
			*out = names[k].fmt;
			return 1;
		}
	return 0;
}

static const char *format_name(lsl_channel_format_t fmt) {
	switch (fmt) {
	case cft_float32: return "float32";
	case cft_double64: return "double64";
	case cft_string: return "string";
	case cft_int32: return "int32";
	case cft_int16: return "int16";
	case cft_int8: return "int8";
	case cft_int64: return "int64";
	default: return "undefined";
	}
}

/* Machine-only liblsl configuration (keys from liblsl's src/api_config.cpp): resolve queries go to
 * 127.0.0.1 only (ResolveScope machine, TTL 0), responders bind 127.0.0.1, multicast sending is
 * pinned to the loopback interface, IPv6 is off, and KnownPeers makes resolvers sweep the service
 * ports on 127.0.0.1 (a unicast query to 127.0.0.1:16571 reaches only one of several outlets). */
#define PEER_LOOPBACK_CONFIG                                                                       \
	"[ports]\nIPv6 = disable\n"                                                                  \
	"[multicast]\nResolveScope = machine\nListenAddress = 127.0.0.1\nInterfaces = {127.0.0.1}\n" \
	"[lab]\nKnownPeers = {127.0.0.1}\nSessionID = liminal-peer\n"

/* Keeps a peer on this machine when the caller gave no configuration: without LSLAPICFG, liblsl
 * would read ./lsl_api.cfg or its defaults, which multicast on the LAN. */
static inline void peer_default_to_loopback(void) {
	const char *cfg = getenv("LSLAPICFG");
	if (!cfg || !*cfg) lsl_set_config_content(PEER_LOOPBACK_CONFIG);
}

#endif
