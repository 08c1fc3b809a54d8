/*
 * liblsl-to-liblsl throughput over loopback: one thread pushes float32 chunks as fast as liblsl
 * takes them, the main thread pulls them through an inlet (TCP over 127.0.0.1) and counts.
 * Channel 0 and 1 carry the sample counter (i mod 2^24, i / 2^24, exact in float), so lost samples
 * (liblsl drops the oldest when a queue is full) are counted, not guessed.
 *
 * Usage: lsl_bench_throughput [--channels 64] [--chunk 32] [--samples 2000000] [--seconds 20]
 *                             [--rate 1000] [--window 65536]
 *   --samples  samples to push; --seconds bounds the whole run (push and pull)
 *   --rate     nominal rate, Hz: only sizes liblsl's queues (buffer 360 s x rate), no pacing
 *   --window   flow control: the pusher waits while more than this many samples are pushed but not
 *              yet pulled, so the figure is what gets through, not how fast liblsl's queue drops;
 *              0 = no flow control (the outlet then drops the oldest samples and lost > 0)
 * Output: one line
 *   RESULT bench=lsl_throughput impl=liblsl library_version=117 channels=.. chunk=.. sent=..
 *          received=.. lost=.. seconds=.. samples_per_s=.. values_per_s=.. payload_mb_per_s=..
 *          push_samples_per_s=..
 * seconds runs from the first to the last received sample; payload is 4 bytes x channels per
 * sample (1 MB = 10^6 bytes). Exit status 0, 2 usage, 4 liblsl error.
 */
#include "lsl_bench_common.h"

#include <pthread.h>
#include <stdatomic.h>

/* Queue length of outlet and inlet, seconds of the nominal rate. */
#define BUFFER_S 360
/* Samples per pull. */
#define PULL_SAMPLES 1024
/* Pause when nothing was available, seconds. */
#define IDLE_SLEEP_S 50e-6
/* The pull side gives up this long after the pusher finished without new data, seconds. */
#define DRAIN_TIMEOUT_S 2.0
#define COUNTER_SPLIT 16777216.0

struct pusher {
	lsl_outlet out;
	int channels, chunk;
	long samples, window;
	double deadline;
	atomic_long sent;
	atomic_long pulled;
	atomic_int done;
	double seconds;
};

static void *push_thread(void *arg) {
	struct pusher *p = arg;
	float *buf = calloc((size_t)p->chunk * p->channels, sizeof(float));
	if (!buf) bench_fail("calloc");
	double start = lsl_local_clock();
	long i = 0;
	while (i < p->samples && lsl_local_clock() < p->deadline) {
		long n = p->samples - i < p->chunk ? p->samples - i : p->chunk;
		while (p->window > 0 && i - atomic_load(&p->pulled) > p->window && lsl_local_clock() < p->deadline)
			bench_sleep_until(lsl_local_clock() + IDLE_SLEEP_S);
		for (long s = 0; s < n; s++) {
			float *row = buf + s * p->channels;
			long k = i + s;
			row[0] = (float)(k % (long)COUNTER_SPLIT);
			row[1] = (float)(k / (long)COUNTER_SPLIT);
			for (int c = 2; c < p->channels; c++) row[c] = (float)c;
		}
		if (lsl_push_chunk_ftp(p->out, buf, (unsigned long)(n * p->channels), lsl_local_clock(), 1))
			bench_fail("lsl_push_chunk_ftp");
		i += n;
		atomic_store(&p->sent, i);
	}
	p->seconds = lsl_local_clock() - start;
	atomic_store(&p->done, 1);
	free(buf);
	return NULL;
}

int main(int argc, char **argv) {
	int channels = (int)bench_arg(argc, argv, "--channels", 64);
	int chunk = (int)bench_arg(argc, argv, "--chunk", 32);
	long samples = (long)bench_arg(argc, argv, "--samples", 2000000);
	double seconds = bench_arg(argc, argv, "--seconds", 20);
	double rate = bench_arg(argc, argv, "--rate", 1000);
	long window = (long)bench_arg(argc, argv, "--window", 65536);
	if (window < 0 || channels < 2 || chunk < 1 || samples < 1 || seconds <= 0 || rate <= 0) {
		fprintf(stderr, "need --channels >= 2, --chunk >= 1, --samples >= 1, --seconds > 0, --rate > 0\n");
		return 2;
	}
	lsl_outlet out;
	lsl_inlet in;
	bench_connect("throughput", channels, rate, BUFFER_S, &out, &in);

	struct pusher p = {
		.out = out, .channels = channels, .chunk = chunk, .samples = samples, .window = window};
	p.deadline = lsl_local_clock() + seconds;
	atomic_init(&p.sent, 0);
	atomic_init(&p.done, 0);
	atomic_init(&p.pulled, 0);
	float *buf = malloc((size_t)PULL_SAMPLES * channels * sizeof(float));
	double *stamps = malloc(PULL_SAMPLES * sizeof(double));
	if (!buf || !stamps) bench_fail("malloc");
	pthread_t thread;
	if (pthread_create(&thread, NULL, push_thread, &p)) bench_fail("pthread_create");

	long received = 0, lost = 0, next = 0, first_got = 0;
	double first = 0, last = 0, idle_since = 0;
	for (;;) {
		double now = lsl_local_clock();
		if (now > p.deadline + DRAIN_TIMEOUT_S) break;
		if (atomic_load(&p.done) && next >= atomic_load(&p.sent)) break;
		int32_t ec = 0;
		unsigned long got = lsl_pull_chunk_f(in, buf, stamps, (unsigned long)PULL_SAMPLES * channels,
			PULL_SAMPLES, 0.0, &ec);
		if (ec && ec != lsl_timeout_error) bench_fail("lsl_pull_chunk_f");
		got /= (unsigned long)channels;
		if (got == 0) {
			if (atomic_load(&p.done)) {
				if (idle_since == 0) idle_since = now;
				else if (now - idle_since > DRAIN_TIMEOUT_S) break;
			}
			bench_sleep_until(now + IDLE_SLEEP_S);
			continue;
		}
		idle_since = 0;
		now = lsl_local_clock();
		if (received == 0) first = now, first_got = (long)got;
		last = now;
		for (unsigned long s = 0; s < got; s++) {
			const float *row = buf + s * channels;
			long k = (long)row[0] + (long)row[1] * (long)COUNTER_SPLIT;
			if (k > next) lost += k - next;
			next = k + 1;
		}
		received += (long)got;
		atomic_store(&p.pulled, next);
	}
	pthread_join(thread, NULL);
	long sent = atomic_load(&p.sent);
	if (next < sent) lost += sent - next;
	double span = last - first;
	/* the first pull's samples arrived before the clock started */
	double rate_rx = span > 0 ? (double)(received - first_got) / span : 0;
	printf("RESULT bench=lsl_throughput impl=liblsl library_version=%d channels=%d chunk=%d window=%ld "
		   "sent=%ld received=%ld lost=%ld seconds=%.6f samples_per_s=%.0f values_per_s=%.0f "
		   "payload_mb_per_s=%.1f push_samples_per_s=%.0f\n",
		lsl_library_version(), channels, chunk, window, sent, received, lost, span, rate_rx,
		rate_rx * channels, rate_rx * channels * 4 / 1e6,
		p.seconds > 0 ? (double)sent / p.seconds : 0);
	lsl_destroy_inlet(in);
	lsl_destroy_outlet(out);
	free(buf);
	free(stamps);
	return 0;
}
