/*
 * liblsl outlet peer for Liminal's interop tests: publishes one stream through liblsl's C API
 * (lsl_c.h), waits for a consumer, pushes a deterministic pattern (lsl_peer_pattern.h) in chunks
 * with explicit (or deduced) time stamps, then lingers so that the consumer can drain its data.
 *
 * Usage: lsl_peer_outlet --name N --format F --channels C --rate HZ --count N [options]
 *   --type T              stream type (default EEG)
 *   --source-id S         source id (default: empty)
 *   --chunk K             samples per push (default 32)
 *   --timestamps MODE     explicit: every sample carries t(i) (default);
 *                         deduced: one stamp per chunk, the receiver deduces the others
 *   --t0 SECONDS          time stamp of sample 0 (default: lsl_local_clock() before the first push)
 *   --pace MODE           fast (default) or realtime (chunk k is pushed at start + k K dt)
 *   --wait-consumer S     seconds to wait for a consumer before pushing (default 10)
 *   --linger S            seconds to stay alive after the last push (default 10); ends early
 *                         when standard input reaches end of file or gives a line
 *   --max-buffered S      outlet buffer in seconds (default 360)
 * Every stream gets desc/channels/channel{label=C<c>, unit=microvolts}.
 *
 * Output: one line per phase, "OUTLET <phase> key=value ...", doubles with 17 significant digits.
 * Exit status: 0 done, 2 usage, 3 no consumer within the wait, 4 liblsl error.
 * Loopback only: the tests point LSLAPICFG at a machine-only lsl_api.cfg (Java harness
 * dev.liminal.acquisition.lsl.interop.LoopbackLslConfig); without LSLAPICFG the peer installs the
 * equivalent PEER_LOOPBACK_CONFIG (lsl_peer_pattern.h) instead of liblsl's LAN defaults.
 */
#include "lsl_peer_pattern.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Largest accepted chunk, samples; bounds the push buffers. */
#define MAX_CHUNK 65536

static void usage(const char *msg) {
	fprintf(stderr, "lsl_peer_outlet: %s\n", msg);
	exit(2);
}

static double parse_double(const char *s, const char *what) {
	char *end;
	double v = strtod(s, &end);
	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "lsl_peer_outlet: %s is not a number: '%s'\n", what, s);
		exit(2);
	}
	return v;
}

static void sleep_until(double deadline) {
	double now = lsl_local_clock();
	if (deadline <= now) return;
	double d = deadline - now;
	struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* Waits up to seconds for standard input to give a line or reach end of file. */
static void linger(double seconds) {
	double deadline = lsl_local_clock() + seconds;
	char buf[256];
	for (;;) {
		double left = deadline - lsl_local_clock();
		if (left <= 0) return;
		struct pollfd p = {0, POLLIN, 0};
		int r = poll(&p, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) return;
		if (read(0, buf, sizeof buf) <= 0) return; /* EOF or error */
		return;                                     /* a line */
	}
}

static void add_channel_desc(lsl_streaminfo info, int channels) {
	lsl_xml_ptr chans = lsl_append_child(lsl_get_desc(info), "channels");
	char label[32];
	for (int c = 0; c < channels; c++) {
		lsl_xml_ptr ch = lsl_append_child(chans, "channel");
		snprintf(label, sizeof label, "C%d", c);
		lsl_append_child_value(ch, "label", label);
		lsl_append_child_value(ch, "unit", "microvolts");
	}
}

int main(int argc, char **argv) {
	const char *name = NULL, *type = "EEG", *source_id = "", *ts_mode = "explicit", *pace = "fast";
	lsl_channel_format_t fmt = cft_undefined;
	int channels = -1, chunk = 32;
	long count = -1;
	double rate = -1, t0 = 0, wait_consumer = 10, linger_s = 10, max_buffered = 360;
	int have_t0 = 0;
	for (int a = 1; a < argc; a++) {
		const char *k = argv[a];
		if (a + 1 >= argc) usage("every option needs a value");
		const char *v = argv[++a];
		if (!strcmp(k, "--name")) name = v;
		else if (!strcmp(k, "--type")) type = v;
		else if (!strcmp(k, "--source-id")) source_id = v;
		else if (!strcmp(k, "--format")) {
			if (!parse_format(v, &fmt)) usage("unknown --format");
		} else if (!strcmp(k, "--channels")) channels = (int)parse_double(v, k);
		else if (!strcmp(k, "--rate")) rate = parse_double(v, k);
		else if (!strcmp(k, "--count")) count = (long)parse_double(v, k);
		else if (!strcmp(k, "--chunk")) chunk = (int)parse_double(v, k);
		else if (!strcmp(k, "--timestamps")) ts_mode = v;
		else if (!strcmp(k, "--t0")) t0 = parse_double(v, k), have_t0 = 1;
		else if (!strcmp(k, "--pace")) pace = v;
		else if (!strcmp(k, "--wait-consumer")) wait_consumer = parse_double(v, k);
		else if (!strcmp(k, "--linger")) linger_s = parse_double(v, k);
		else if (!strcmp(k, "--max-buffered")) max_buffered = parse_double(v, k);
		else usage("unknown option");
	}
	if (!name || fmt == cft_undefined || channels < 1 || rate < 0 || count < 0)
		usage("--name, --format, --channels >= 1, --rate >= 0 and --count >= 0 are required");
	if (channels > PATTERN_MAX_CHANNELS || count > PATTERN_MAX_SAMPLES)
		usage("--channels or --count beyond the pattern's range");
	if (chunk < 1 || chunk > MAX_CHUNK) usage("--chunk must be in 1..65536");
	int deduced = !strcmp(ts_mode, "deduced");
	if (!deduced && strcmp(ts_mode, "explicit")) usage("--timestamps must be explicit or deduced");
	if (deduced && rate <= 0) usage("deduced time stamps need a regular rate");
	int realtime = !strcmp(pace, "realtime");
	if (!realtime && strcmp(pace, "fast")) usage("--pace must be fast or realtime");
	setvbuf(stdout, NULL, _IOLBF, 0);
	peer_default_to_loopback();

	lsl_streaminfo info = lsl_create_streaminfo(name, type, channels, rate, fmt, source_id);
	if (!info) {
		printf("OUTLET error phase=create message=%s\n", lsl_last_error());
		return 4;
	}
	add_channel_desc(info, channels);
	lsl_outlet out = lsl_create_outlet(info, 0, (int32_t)max_buffered);
	if (!out) {
		printf("OUTLET error phase=create message=%s\n", lsl_last_error());
		return 4;
	}
	lsl_streaminfo oi = lsl_get_info(out);
	printf("OUTLET created name=%s format=%s channels=%d rate=%.17g uid=%s session_id=%s "
		   "library_version=%d protocol_version=%d created_at=%.17g\n",
		name, format_name(fmt), channels, rate, lsl_get_uid(oi), lsl_get_session_id(oi),
		lsl_library_version(), lsl_protocol_version(), lsl_get_created_at(oi));
	lsl_destroy_streaminfo(oi);

	double wait_start = lsl_local_clock();
	if (!lsl_wait_for_consumers(out, wait_consumer)) {
		printf("OUTLET error phase=consumer message=no consumer within %.17g s\n", wait_consumer);
		lsl_destroy_outlet(out);
		lsl_destroy_streaminfo(info);
		return 3;
	}
	printf("OUTLET consumer waited_s=%.6f\n", lsl_local_clock() - wait_start);

	size_t cells = (size_t)chunk * (size_t)channels;
	size_t width = fmt == cft_string ? sizeof(char *) : (size_t)lsl_get_channel_bytes(info);
	void *data = malloc(cells * width);
	char *pool = fmt == cft_string ? malloc(cells * PATTERN_STRING_MAX) : NULL;
	double *stamps = malloc((size_t)chunk * sizeof(double));
	if (!data || !stamps || (fmt == cft_string && !pool)) {
		printf("OUTLET error phase=push message=out of memory\n");
		return 4;
	}
	if (!have_t0) t0 = lsl_local_clock();
	double dt = pattern_dt(rate), start = lsl_local_clock();
	long chunks = 0;
	int32_t ec = 0;
	for (long first = 0; first < count && ec == 0; first += chunk, chunks++) {
		long n = count - first < chunk ? count - first : chunk;
		if (realtime) sleep_until(start + (double)first * dt);
		for (long s = 0; s < n; s++) {
			long i = first + s;
			stamps[s] = pattern_timestamp(t0, i, rate);
			for (int c = 0; c < channels; c++) {
				size_t k = (size_t)s * channels + c;
				switch (fmt) {
				case cft_float32: ((float *)data)[k] = pattern_float(i, c); break;
				case cft_double64: ((double *)data)[k] = pattern_double(i, c); break;
				case cft_int8: ((char *)data)[k] = (char)pattern_int(fmt, i, c); break;
				case cft_int16: ((int16_t *)data)[k] = (int16_t)pattern_int(fmt, i, c); break;
				case cft_int32: ((int32_t *)data)[k] = (int32_t)pattern_int(fmt, i, c); break;
				case cft_int64: ((int64_t *)data)[k] = pattern_int(fmt, i, c); break;
				case cft_string:
					pattern_string(i, c, pool + k * PATTERN_STRING_MAX);
					((char **)data)[k] = pool + k * PATTERN_STRING_MAX;
					break;
				default: break;
				}
			}
		}
		unsigned long el = (unsigned long)(n * channels);
		if (deduced) {
			/* liblsl stamps the chunk's last sample; the first goes out as that - (n-1)/rate,
			 * the rest as deduced (tag 1). */
			double last = stamps[n - 1];
			switch (fmt) {
			case cft_float32: ec = lsl_push_chunk_ftp(out, data, el, last, 1); break;
			case cft_double64: ec = lsl_push_chunk_dtp(out, data, el, last, 1); break;
			case cft_int8: ec = lsl_push_chunk_ctp(out, data, el, last, 1); break;
			case cft_int16: ec = lsl_push_chunk_stp(out, data, el, last, 1); break;
			case cft_int32: ec = lsl_push_chunk_itp(out, data, el, last, 1); break;
			case cft_int64: ec = lsl_push_chunk_ltp(out, data, el, last, 1); break;
			case cft_string: ec = lsl_push_chunk_strtp(out, data, el, last, 1); break;
			default: break;
			}
		} else {
			switch (fmt) {
			case cft_float32: ec = lsl_push_chunk_ftnp(out, data, el, stamps, 1); break;
			case cft_double64: ec = lsl_push_chunk_dtnp(out, data, el, stamps, 1); break;
			case cft_int8: ec = lsl_push_chunk_ctnp(out, data, el, stamps, 1); break;
			case cft_int16: ec = lsl_push_chunk_stnp(out, data, el, stamps, 1); break;
			case cft_int32: ec = lsl_push_chunk_itnp(out, data, el, stamps, 1); break;
			case cft_int64: ec = lsl_push_chunk_ltnp(out, data, el, stamps, 1); break;
			case cft_string: ec = lsl_push_chunk_strtnp(out, data, el, stamps, 1); break;
			default: break;
			}
		}
	}
	if (ec != 0) {
		printf("OUTLET error phase=push code=%d message=%s\n", ec, lsl_last_error());
		return 4;
	}
	printf("OUTLET pushed samples=%ld chunks=%ld t0=%.17g dt=%.17g last_ts=%.17g "
		   "timestamps=%s push_s=%.6f\n",
		count, chunks, t0, dt, count > 0 ? pattern_timestamp(t0, count - 1, rate) : t0, ts_mode,
		lsl_local_clock() - start);

	linger(linger_s);
	printf("OUTLET done have_consumers=%d\n", lsl_have_consumers(out));
	lsl_destroy_outlet(out);
	lsl_destroy_streaminfo(info);
	free(data);
	free(pool);
	free(stamps);
	return 0;
}
