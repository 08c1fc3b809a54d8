package dev.liminal.acquisition.lsl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The inlet side of the LSL timedata exchange (LSL-PROTOCOL.md section 7): every
 * {@value #UPDATE_INTERVAL_MS} ms a round of {@value #PROBE_COUNT} probes
 * {@value #PROBE_INTERVAL_MS} ms apart to the outlet's service port; with at least
 * {@value #MIN_PROBES} replies the probe of smallest round-trip time gives the estimate
 * (correction = local − remote).
 *
 * <p>Runs on its own daemon thread; {@link #latest()} and {@link #await} are thread-safe.
 */
final class TimeSync {
    private static final System.Logger LOG = System.getLogger(TimeSync.class.getName());
    /** liblsl TimeProbeCount, TimeProbeInterval, TimeProbeMaxRTT, TimeUpdateMinProbes, TimeUpdateInterval. */
    static final int PROBE_COUNT = 8;
    static final int PROBE_INTERVAL_MS = 64;
    static final int PROBE_MAX_RTT_MS = 128;
    static final int MIN_PROBES = 6;
    static final int UPDATE_INTERVAL_MS = 2000;

    private final String streamName;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object monitor = new Object();
    private volatile InetSocketAddress target;
    private volatile LslTimeCorrection latest;
    private volatile boolean retargeted;
    private Thread thread;

    TimeSync(String streamName, InetSocketAddress target) {
        this.streamName = streamName;
        this.target = target;
    }

    void start() {
        thread = new Thread(this::run, "liminal-lsl-timesync-" + streamName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Points the exchange at another outlet (after recovery); the old estimate is discarded. */
    void retarget(InetSocketAddress newTarget) {
        synchronized (monitor) {
            target = newTarget;
            latest = null;
            retargeted = true;
            monitor.notifyAll();
        }
    }

    LslTimeCorrection latest() {
        return latest;
    }

    /** Waits for an estimate; null on timeout. */
    LslTimeCorrection await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (latest == null && !closed.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            return latest;
        }
    }

    void close() {
        closed.set(true);
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(UPDATE_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        DatagramSocket socket = null;
        try {
            while (!closed.get()) {
                InetSocketAddress to = target;
                InetAddress bind = to.getAddress().isLoopbackAddress() ? InetAddress.getLoopbackAddress() : null;
                if (socket == null || (bind == null) != socket.getLocalAddress().isAnyLocalAddress()) {
                    if (socket != null) socket.close();
                    socket = new DatagramSocket(new InetSocketAddress(bind, 0));
                }
                retargeted = false;
                LslTimeCorrection estimate = round(socket, to);
                synchronized (monitor) {
                    if (estimate != null && !retargeted) {
                        latest = estimate;
                        monitor.notifyAll();
                    }
                    long until = System.nanoTime() + UPDATE_INTERVAL_MS * 1_000_000L;
                    while (!closed.get() && !retargeted) {
                        long left = until - System.nanoTime();
                        if (left <= 0) break;
                        monitor.wait(Math.max(1, left / 1_000_000));
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "stream ''{0}'': time synchronization stopped: {1}", streamName, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (socket != null) socket.close();
        }
    }

    private LslTimeCorrection round(DatagramSocket socket, InetSocketAddress to) throws IOException {
        int wave = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        String waveText = Integer.toString(wave);
        byte[] buf = new byte[1024];
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        long start = System.nanoTime();
        long end = start + (PROBE_MAX_RTT_MS + (long) PROBE_COUNT * PROBE_INTERVAL_MS) * 1_000_000L;
        int sent = 0;
        int received = 0;
        LslTimeCorrection best = null;
        while (!closed.get()) {
            long now = System.nanoTime();
            if (now - end >= 0) break;
            long nextSend = start + (long) sent * PROBE_INTERVAL_MS * 1_000_000L;
            if (sent < PROBE_COUNT && now - nextSend >= 0) {
                byte[] probe = ("LSL:timedata\r\n" + waveText + " " + TextLines.formatTime(LslClock.nowSeconds()) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8);
                try {
                    socket.send(new DatagramPacket(probe, probe.length, to));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "stream {0}: time probe failed: {1}", streamName, e.getMessage());
                }
                sent++;
                continue;
            }
            long until = sent < PROBE_COUNT ? Math.min(end, start + (long) sent * PROBE_INTERVAL_MS * 1_000_000L) : end;
            socket.setSoTimeout((int) Math.max(1, (until - now) / 1_000_000));
            try {
                reply.setLength(buf.length);
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                continue;
            }
            double t3 = LslClock.nowSeconds();
            String[] parts = new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8).trim().split("\\s+");
            if (parts.length != 4 || !parts[0].equals(waveText)) continue;
            try {
                double t0 = Double.parseDouble(parts[1]);
                double t1 = Double.parseDouble(parts[2]);
                double t2 = Double.parseDouble(parts[3]);
                double rtt = (t3 - t0) - (t2 - t1);
                double offset = ((t1 - t0) + (t2 - t3)) / 2;
                received++;
                if (best == null || rtt < best.rttSeconds()) {
                    best = new LslTimeCorrection(-offset, rtt, (t1 + t2) / 2, t3);
                }
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.DEBUG, "stream {0}: malformed time reply", streamName);
            }
        }
        return received >= MIN_PROBES ? best : null;
    }
}
