package org.e2v.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.e2v.common.Progress;
import org.e2v.experiment.ExperimentListener;
import org.e2v.train.EpochProgress;

/**
 * Progress on the terminal (stderr, so stdout stays clean JSON): stage lines, a redrawn bar for
 * extraction and training steps (at most ~10 redraws a second), one line per finished epoch.
 */
final class TerminalProgress implements ExperimentListener {
    private static final long MIN_REDRAW_MS = 100;
    private final PrintWriter err;
    private final boolean quiet;
    private long lastDraw;
    private boolean barOpen;

    TerminalProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void onStage(String stage) {
        if (quiet) {
            return;
        }
        endBar();
        err.println("== " + stage);
        err.flush();
    }

    @Override
    public synchronized void report(Progress p) {
        if (quiet || p.total() <= 0) {
            return;
        }
        bar(p.stage(), p.done(), p.total(), p.message());
    }

    @Override
    public synchronized void onStep(EpochProgress p) {
        if (quiet) {
            return;
        }
        bar("epoch " + (p.epoch() + 1) + "/" + p.epochs(), p.step(), p.steps(),
                String.format(Locale.ROOT, "loss %.4f", p.loss()));
    }

    @Override
    public synchronized void onEpoch(EpochProgress p) {
        if (quiet) {
            return;
        }
        endBar();
        err.printf(Locale.ROOT, "epoch %3d/%d  loss %.4f  (ce %.4f, metric %.4f)  val UAR %s  lr %.0e  %.1f s%n",
                p.epoch() + 1, p.epochs(), p.loss(), p.ceLoss(), p.metricLoss(),
                Double.isNaN(p.validationUar()) ? "n/a" : String.format(Locale.ROOT, "%.3f", p.validationUar()),
                p.learningRate(), p.elapsedMs() / 1000.0);
        err.flush();
    }

    @Override
    public synchronized void onMessage(String message) {
        if (!quiet) {
            endBar();
            err.println("   " + message);
            err.flush();
        }
    }

    private void bar(String label, long done, long total, String detail) {
        long now = System.currentTimeMillis();
        if (done < total && now - lastDraw < MIN_REDRAW_MS) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) Math.min(width, Math.round(width * (double) done / total));
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total
                + (detail.isEmpty() ? "" : "  " + detail) + "   ");
        err.flush();
        barOpen = true;
    }

    private void endBar() {
        if (barOpen) {
            err.println();
            barOpen = false;
        }
    }
}
