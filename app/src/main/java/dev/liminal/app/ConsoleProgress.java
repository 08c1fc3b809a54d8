package dev.liminal.app;

import dev.liminal.core.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A {@link ProgressListener} drawing a progress bar on stderr. The bar appears on the first
 * progress report, when the total is known. Called from the working thread only; the bar's own
 * refresh thread is the library's.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    /** How often the bar is redrawn, in milliseconds. */
    private static final int REFRESH_MILLIS = 200;

    private final String task;
    private ProgressBar bar;

    private ConsoleProgress(String task) {
        this.task = task;
    }

    /**
     * A bar when a person is watching (there is a console: {@code System.console() != null}),
     * otherwise a listener that prints nothing, so that logs and pipes stay clean.
     */
    static ConsoleProgress forTask(String task) {
        return System.console() != null ? new ConsoleProgress(task) : new ConsoleProgress(null);
    }

    @Override
    public void progress(long done, long total) {
        if (task == null) return;
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1))
                    .setUpdateIntervalMillis(REFRESH_MILLIS)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
        bar.maxHint(Math.max(total, 1));
        bar.stepTo(Math.min(done, Math.max(total, 1)));
    }

    /** Removes the refresh thread; the bar's last state stays on screen. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
