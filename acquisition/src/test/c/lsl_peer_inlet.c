/*
 * liblsl inlet peer for Liminal's interop tests: resolves one stream through liblsl's C API
 * (lsl_c.h), opens an inlet, reads its full info, asks for the time correction, pulls N samples
 * and checks them against the deterministic pattern of lsl_peer_pattern.h.
 *
 * Usage: lsl_peer_inlet --pred XPATH --format F --channels C --rate HZ --count N [options]
 *   --flags LIST          post-processing: none (default), all, or a comma list of
 *                         clocksync,dejitter,monotonize,threadsafe
 *   --pull MODE           sample (default) or chunk
 *   --resolve-timeout S   seconds to find the stream (default 10)
 *   --timeout S           seconds for opening, time correction and pulling all samples (default 30)
 *
 * Output: one line per phase, "INLET <phase> key=value ...", doubles with 17 significant digits:
 *   INLET resolved   matches, name, type, format, channels, rate, uid, source_id, session_id,
 *                    hostname, version, created_at
 *   INLET opened     open_s
 *   INLET fullinfo   labels (channels whose desc label is C<c>), units (unit is microvolts)
 *   INLET time_correction  value, remote_time, uncertainty   (first, after opening)
 *   INLET received   samples, value_errors, first_ts, last_ts, max_linear_dev_s (largest
 *                    |ts(j) - (ts(0) + j dt)|), nonlinear (samples whose stamp is not exactly
 *                    ts(0) + j dt), min_step_s, max_step_s, mean_lag_s, max_lag_s (local clock at
 *                    the pull minus the stamp)
 *   INLET mismatch   sample, channel, expected, actual   (first value error only)
 *   INLET time_correction_end  value, remote_time, uncertainty
 *   INLET done       status=ok|mismatch|timeout
 * Loopback only, like lsl_peer_outlet.c (LSLAPICFG, or PEER_LOOPBACK_CONFIG when it is unset).
 * Exit status: 0 every sample as expected, 1 value errors, 2 usage, 3 timeout, 4 liblsl error.
 */
#include "lsl_peer_pattern.h"

#include <math.h>
#include <stdlib.h>

#define MAX_MATCHES 8
/* Samples per pull_chunk call: bounds the pull buffers. */
#define PULL_CHUNK 512
/* Timeout of one pull call, seconds: the overall deadline is checked between calls. */
#define PULL_SLICE_S 0.2

static void usage(const char *msg) {
	fprintf(stderr, "lsl_peer_inlet: %s\n", msg);
	exit(2);
}

static double parse_double(const char *s, const char *what) {
	char *end;
	double v = strtod(s, &end);
	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "lsl_peer_inlet: %s is not a number: '%s'\n", what, s);
		exit(2);
	}
	return v;
}

static uint32_t parse_flags(const char *s) {
	if (!strcmp(s, "none")) return 0;
	if (!strcmp(s, "all")) return proc_ALL;
	uint32_t flags = 0;
	char buf[128];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
		if (!strcmp(tok, "clocksync")) flags |= proc_clocksync;
		else if (!strcmp(tok, "dejitter")) flags |= proc_dejitter;
		else if (!strcmp(tok, "monotonize")) flags |= proc_monotonize;
		else if (!strcmp(tok, "threadsafe")) flags |= proc_threadsafe;
		else usage("unknown --flags entry");
	}
	return flags;
}

struct check {
	lsl_channel_format_t fmt;
	int channels;
	double rate;
	long received, value_errors, nonlinear;
	double first_ts, last_ts, prev_ts, max_dev, min_step, max_step, lag_sum, max_lag;
	char expected_str[PATTERN_STRING_MAX];
};

static void report_mismatch(struct check *ck, long j, int c, const char *expected,
	const char *actual) {
	if (ck->value_errors++ == 0)
		printf("INLET mismatch sample=%ld channel=%d expected=%s actual=%s\n", j, c, expected,
			actual);
}

/* Checks channel c of sample j held in buf (numeric formats) at cell k. */
static void check_numeric(struct check *ck, const void *buf, size_t k, long j, int c) {
	char e[64], a[64];
	switch (ck->fmt) {
	case cft_float32: {
		float x = ((const float *)buf)[k], y = pattern_float(j, c);
		if (memcmp(&x, &y, sizeof x) != 0) {
			snprintf(e, sizeof e, "%.9g", y);
			snprintf(a, sizeof a, "%.9g", x);
			report_mismatch(ck, j, c, e, a);
		}
		break;
	}
	case cft_double64: {
		double x = ((const double *)buf)[k], y = pattern_double(j, c);
		if (memcmp(&x, &y, sizeof x) != 0) {
			snprintf(e, sizeof e, "%.17g", y);
			snprintf(a, sizeof a, "%.17g", x);
			report_mismatch(ck, j, c, e, a);
		}
		break;
	}
	default: {
		int64_t x = 0, y = pattern_int(ck->fmt, j, c);
		if (ck->fmt == cft_int8) x = ((const signed char *)buf)[k];
		else if (ck->fmt == cft_int16) x = ((const int16_t *)buf)[k];
		else if (ck->fmt == cft_int32) x = ((const int32_t *)buf)[k];
		else x = ((const int64_t *)buf)[k];
		if (x != y) {
			snprintf(e, sizeof e, "%lld", (long long)y);
			snprintf(a, sizeof a, "%lld", (long long)x);
			report_mismatch(ck, j, c, e, a);
		}
	}
	}
}

static void check_string(struct check *ck, const char *s, uint32_t len, long j, int c) {
	int n = pattern_string(j, c, ck->expected_str);
	if ((uint32_t)n != len || memcmp(s, ck->expected_str, len) != 0) {
		char a[48];
		snprintf(a, sizeof a, "%.*s(len=%u)", (int)(len < 24 ? len : 24), s, len);
		report_mismatch(ck, j, c, ck->expected_str, a);
	}
}

static void check_stamp(struct check *ck, double ts, double now) {
	long j = ck->received;
	if (j == 0) ck->first_ts = ts;
	else {
		double step = ts - ck->prev_ts;
		if (j == 1 || step < ck->min_step) ck->min_step = step;
		if (j == 1 || step > ck->max_step) ck->max_step = step;
	}
	double expected = ck->first_ts + (double)j * pattern_dt(ck->rate);
	double dev = fabs(ts - expected);
	if (dev > ck->max_dev) ck->max_dev = dev;
	if (ts != expected) ck->nonlinear++;
	double lag = now - ts;
	ck->lag_sum += lag;
	if (j == 0 || lag > ck->max_lag) ck->max_lag = lag;
	ck->prev_ts = ck->last_ts = ts;
}

static void print_time_correction(lsl_inlet in, const char *phase, double timeout) {
	double remote = 0, uncertainty = 0;
	int32_t ec = 0;
	double tc = lsl_time_correction_ex(in, &remote, &uncertainty, timeout, &ec);
	if (ec != 0) printf("INLET %s error=%d\n", phase, ec);
	else
		printf("INLET %s value=%.17g remote_time=%.17g uncertainty=%.17g\n", phase, tc, remote,
			uncertainty);
}

int main(int argc, char **argv) {
	const char *pred = NULL, *pull = "sample";
	lsl_channel_format_t fmt = cft_undefined;
	int channels = -1;
	long count = -1;
	double rate = -1, resolve_timeout = 10, timeout = 30;
	uint32_t flags = 0;
	for (int a = 1; a < argc; a++) {
		const char *k = argv[a];
		if (a + 1 >= argc) usage("every option needs a value");
		const char *v = argv[++a];
		if (!strcmp(k, "--pred")) pred = v;
		else if (!strcmp(k, "--format")) {
			if (!parse_format(v, &fmt)) usage("unknown --format");
		} else if (!strcmp(k, "--channels")) channels = (int)parse_double(v, k);
		else if (!strcmp(k, "--rate")) rate = parse_double(v, k);
		else if (!strcmp(k, "--count")) count = (long)parse_double(v, k);
		else if (!strcmp(k, "--flags")) flags = parse_flags(v);
		else if (!strcmp(k, "--pull")) pull = v;
		else if (!strcmp(k, "--resolve-timeout")) resolve_timeout = parse_double(v, k);
		else if (!strcmp(k, "--timeout")) timeout = parse_double(v, k);
		else usage("unknown option");
	}
	if (!pred || fmt == cft_undefined || channels < 1 || rate < 0 || count < 0)
		usage("--pred, --format, --channels >= 1, --rate >= 0 and --count >= 0 are required");
	if (channels > PATTERN_MAX_CHANNELS || count > PATTERN_MAX_SAMPLES)
		usage("--channels or --count beyond the pattern's range");
	int chunked = !strcmp(pull, "chunk");
	if (!chunked && strcmp(pull, "sample")) usage("--pull must be sample or chunk");
	setvbuf(stdout, NULL, _IOLBF, 0);
	peer_default_to_loopback();

	lsl_streaminfo found[MAX_MATCHES];
	int matches = lsl_resolve_bypred(found, MAX_MATCHES, pred, 1, resolve_timeout);
	if (matches <= 0) {
		printf("INLET error phase=resolve matches=%d\nINLET done status=timeout\n", matches);
		return 3;
	}
	lsl_streaminfo info = found[0];
	printf("INLET resolved matches=%d name=%s type=%s format=%s channels=%d rate=%.17g uid=%s "
		   "source_id=%s session_id=%s hostname=%s version=%d created_at=%.17g\n",
		matches, lsl_get_name(info), lsl_get_type(info), format_name(lsl_get_channel_format(info)),
		lsl_get_channel_count(info), lsl_get_nominal_srate(info), lsl_get_uid(info),
		lsl_get_source_id(info), lsl_get_session_id(info), lsl_get_hostname(info),
		lsl_get_version(info), lsl_get_created_at(info));
	for (int m = 1; m < matches; m++) lsl_destroy_streaminfo(found[m]);
	if (lsl_get_channel_format(info) != fmt || lsl_get_channel_count(info) != channels) {
		printf("INLET error phase=resolve message=stream has %s x %d, expected %s x %d\n"
			   "INLET done status=mismatch\n",
			format_name(lsl_get_channel_format(info)), lsl_get_channel_count(info),
			format_name(fmt), channels);
		return 1;
	}

	double start = lsl_local_clock(), deadline = start + timeout;
	lsl_inlet in = lsl_create_inlet(info, 360, 0, 1);
	if (!in) {
		printf("INLET error phase=create message=%s\n", lsl_last_error());
		return 4;
	}
	if (flags && lsl_set_postprocessing(in, flags) != 0) {
		printf("INLET error phase=flags message=%s\n", lsl_last_error());
		return 4;
	}
	int32_t ec = 0;
	lsl_open_stream(in, timeout, &ec);
	if (ec != 0) {
		printf("INLET error phase=open code=%d\nINLET done status=timeout\n", ec);
		return 3;
	}
	printf("INLET opened open_s=%.6f flags=%u\n", lsl_local_clock() - start, flags);

	lsl_streaminfo full = lsl_get_fullinfo(in, timeout, &ec);
	if (ec != 0 || !full) printf("INLET fullinfo error=%d\n", ec);
	else {
		int labels = 0, units = 0, c = 0;
		lsl_xml_ptr ch = lsl_child(lsl_child(lsl_get_desc(full), "channels"), "channel");
		char want[32];
		for (; !lsl_empty(ch) && c < channels; ch = lsl_next_sibling_n(ch, "channel"), c++) {
			snprintf(want, sizeof want, "C%d", c);
			if (!strcmp(lsl_child_value_n(ch, "label"), want)) labels++;
			if (!strcmp(lsl_child_value_n(ch, "unit"), "microvolts")) units++;
		}
		printf("INLET fullinfo labels=%d units=%d\n", labels, units);
		lsl_destroy_streaminfo(full);
	}
	print_time_correction(in, "time_correction", timeout);

	struct check ck;
	memset(&ck, 0, sizeof ck);
	ck.fmt = fmt;
	ck.channels = channels;
	ck.rate = rate;
	size_t per_pull = chunked ? PULL_CHUNK : 1;
	size_t cells = per_pull * (size_t)channels;
	size_t width = fmt == cft_string ? sizeof(char *) : (size_t)lsl_get_channel_bytes(info);
	void *buf = malloc(cells * width);
	uint32_t *lengths = malloc(cells * sizeof(uint32_t));
	double *stamps = malloc(per_pull * sizeof(double));
	if (!buf || !lengths || !stamps) {
		printf("INLET error phase=pull message=out of memory\n");
		return 4;
	}
	while (ck.received < count && lsl_local_clock() < deadline) {
		unsigned long want = (unsigned long)(count - ck.received);
		if (want > per_pull) want = (unsigned long)per_pull;
		unsigned long got = 0;
		ec = 0;
		if (chunked) {
			unsigned long el = want * (unsigned long)channels;
			switch (fmt) {
			case cft_float32: got = lsl_pull_chunk_f(in, buf, stamps, el, want, PULL_SLICE_S, &ec); break;
			case cft_double64: got = lsl_pull_chunk_d(in, buf, stamps, el, want, PULL_SLICE_S, &ec); break;
			case cft_int8: got = lsl_pull_chunk_c(in, buf, stamps, el, want, PULL_SLICE_S, &ec); break;
			case cft_int16: got = lsl_pull_chunk_s(in, buf, stamps, el, want, PULL_SLICE_S, &ec); break;
			case cft_int32: got = lsl_pull_chunk_i(in, buf, stamps, el, want, PULL_SLICE_S, &ec); break;
			case cft_int64: got = lsl_pull_chunk_l(in, buf, stamps, el, want, PULL_SLICE_S, &ec); break;
			case cft_string:
				got = lsl_pull_chunk_buf(in, buf, lengths, stamps, el, want, PULL_SLICE_S, &ec);
				break;
			default: break;
			}
			got /= (unsigned long)channels; /* pull_chunk returns data elements */
		} else {
			double ts = 0;
			int32_t n = channels;
			switch (fmt) {
			case cft_float32: ts = lsl_pull_sample_f(in, buf, n, PULL_SLICE_S, &ec); break;
			case cft_double64: ts = lsl_pull_sample_d(in, buf, n, PULL_SLICE_S, &ec); break;
			case cft_int8: ts = lsl_pull_sample_c(in, buf, n, PULL_SLICE_S, &ec); break;
			case cft_int16: ts = lsl_pull_sample_s(in, buf, n, PULL_SLICE_S, &ec); break;
			case cft_int32: ts = lsl_pull_sample_i(in, buf, n, PULL_SLICE_S, &ec); break;
			case cft_int64: ts = lsl_pull_sample_l(in, buf, n, PULL_SLICE_S, &ec); break;
			case cft_string: ts = lsl_pull_sample_buf(in, buf, lengths, n, PULL_SLICE_S, &ec); break;
			default: break;
			}
			stamps[0] = ts;
			got = ts != 0.0 ? 1 : 0;
		}
		if (ec != 0 && ec != lsl_timeout_error) {
			printf("INLET error phase=pull code=%d message=%s\n", ec, lsl_last_error());
			return 4;
		}
		double now = lsl_local_clock();
		for (unsigned long s = 0; s < got; s++) {
			long j = ck.received;
			for (int c = 0; c < channels; c++) {
				size_t k = (size_t)s * channels + c;
				if (fmt == cft_string) {
					char *str = ((char **)buf)[k];
					check_string(&ck, str, lengths[k], j, c);
					lsl_destroy_string(str);
				} else
					check_numeric(&ck, buf, k, j, c);
			}
			check_stamp(&ck, stamps[s], now);
			ck.received++;
		}
	}
	printf("INLET received samples=%ld value_errors=%ld first_ts=%.17g last_ts=%.17g "
		   "max_linear_dev_s=%.17g nonlinear=%ld min_step_s=%.17g max_step_s=%.17g "
		   "mean_lag_s=%.17g max_lag_s=%.17g pull_s=%.6f\n",
		ck.received, ck.value_errors, ck.first_ts, ck.last_ts, ck.max_dev, ck.nonlinear,
		ck.min_step, ck.max_step, ck.received ? ck.lag_sum / (double)ck.received : 0.0,
		ck.max_lag, lsl_local_clock() - start);
	print_time_correction(in, "time_correction_end", 5.0);
	int status = ck.received < count ? 3 : (ck.value_errors ? 1 : 0);
	printf("INLET done status=%s\n", status == 0 ? "ok" : status == 1 ? "mismatch" : "timeout");
	lsl_destroy_inlet(in);
	lsl_destroy_streaminfo(info);
	free(buf);
	free(lengths);
	free(stamps);
	return status;
}
