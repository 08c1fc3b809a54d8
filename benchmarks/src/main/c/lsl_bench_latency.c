/*
 * liblsl push-to-pull latency over loopback: one thread pushes one float32 sample every 1/rate
 * seconds (absolute schedule) stamped with lsl_local_clock() just before the push; the main thread
 * blocks in lsl_pull_sample_f and records lsl_local_clock() - stamp. Outlet and inlet are in the
 * same process, so both read the same clock and no time correction is involved; the sample still
 * travels through liblsl's send queue, a 127.0.0.1 TCP connection and the inlet's queue.
 *
 * Usage: lsl_bench_latency [--channels 64] [--rate 1000] [--seconds 10] [--warmup 1]
 *   --warmup   seconds at the start whose samples are pushed but not counted
 * Output: one line
 *   RESULT bench=lsl_latency impl=liblsl library_version=117 channels=.. rate_hz=.. samples=..
 *          lost=.. late_pushes=.. mean_us=.. p50_us=.. p90_us=.. p99_us=.. p999_us=.. max_us=..
 * late_pushes counts pushes that started more than one period after their schedule (the pusher
 * was not scheduled in time: machine load, not liblsl). Exit status 0, 2 usage, 4 liblsl error.
 */
#include "lsl_bench_common.h"

#include <pthread.h>

/* Queue length of outlet and inlet, seconds of the nominal rate. */
#define BUFFER_S 10
/* Timeout of one pull, seconds; the run's deadline is checked between pulls. */
#define PULL_TIMEOUT_S 0.5

struct pusher {
	lsl_outlet out;
	int channels;
	double rate, start;
	long samples, late;
};

static void *push_thread(void *arg) {
	struct pusher *p = arg;
	float *row = calloc((size_t)p->channels, sizeof(float));
	if (!row) bench_fail("calloc");
	double period = 1.0 / p->rate;
	for (long i = 0; i < p->samples; i++) {
		double due = p->start + (double)i * period;
		bench_sleep_until(due);
		double now = lsl_local_clock();
		if (now - due > period) p->late++;
		row[0] = (float)i;
		if (lsl_push_sample_ftp(p->out, row, now, 1)) bench_fail("lsl_push_sample_ftp");
	}
	free(row);
	return NULL;
}

static int compare_double(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double quantile(const double *sorted, long n, double q) {
	long k = (long)(q * (double)(n - 1) + 0.5);
	return sorted[k];
}

int main(int argc, char **argv) {
	int channels = (int)bench_arg(argc, argv, "--channels", 64);
	double rate = bench_arg(argc, argv, "--rate", 1000);
	double seconds = bench_arg(argc, argv, "--seconds", 10);
	double warmup = bench_arg(argc, argv, "--warmup", 1);
	if (channels < 1 || rate <= 0 || rate > 100000 || seconds <= 0 || seconds > 3600 || warmup < 0) {
		fprintf(stderr, "need --channels >= 1, 0 < --rate <= 100000, 0 < --seconds <= 3600\n");
		return 2;
	}
	lsl_outlet out;
	lsl_inlet in;
	bench_connect("latency", channels, rate, BUFFER_S, &out, &in);

	long total = (long)((warmup + seconds) * rate), skip = (long)(warmup * rate);
	double *lat = malloc((size_t)total * sizeof(double));
	float *row = malloc((size_t)channels * sizeof(float));
	if (!lat || !row) bench_fail("malloc");
	struct pusher p = {.out = out, .channels = channels, .rate = rate, .samples = total};
	p.start = lsl_local_clock() + 0.1;
	double deadline = p.start + warmup + seconds + 5.0;
	pthread_t thread;
	if (pthread_create(&thread, NULL, push_thread, &p)) bench_fail("pthread_create");

	long n = 0, lost = 0, next = 0;
	while (next < total && lsl_local_clock() < deadline) {
		int32_t ec = 0;
		double ts = lsl_pull_sample_f(in, row, channels, PULL_TIMEOUT_S, &ec);
		if (ec && ec != lsl_timeout_error) bench_fail("lsl_pull_sample_f");
		if (ts == 0.0) continue;
		double now = lsl_local_clock();
		long i = (long)row[0];
		if (i > next) lost += i - next;
		next = i + 1;
		if (i >= skip) lat[n++] = now - ts;
	}
	pthread_join(thread, NULL);
	if (next < total) lost += total - next;
	double sum = 0;
	for (long k = 0; k < n; k++) sum += lat[k];
	qsort(lat, (size_t)n, sizeof(double), compare_double);
	printf("RESULT bench=lsl_latency impl=liblsl library_version=%d channels=%d rate_hz=%.0f "
		   "samples=%ld lost=%ld late_pushes=%ld mean_us=%.1f p50_us=%.1f p90_us=%.1f "
		   "p99_us=%.1f p999_us=%.1f max_us=%.1f\n",
		lsl_library_version(), channels, rate, n, lost, p.late, n ? sum / (double)n * 1e6 : 0,
		n ? quantile(lat, n, 0.5) * 1e6 : 0, n ? quantile(lat, n, 0.9) * 1e6 : 0,
		n ? quantile(lat, n, 0.99) * 1e6 : 0, n ? quantile(lat, n, 0.999) * 1e6 : 0,
		n ? lat[n - 1] * 1e6 : 0);
	lsl_destroy_inlet(in);
	lsl_destroy_outlet(out);
	free(lat);
	free(row);
	return 0;
}
