package org.e2v.ui.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.e2v.common.Progress;
import org.e2v.common.ProgressSink;
import org.e2v.experiment.ExperimentListener;
import org.e2v.train.EpochProgress;

/**
 * Carries training progress from the training thread to the UI without blocking it: every event
 * is queued (nothing is lost), and at most one batch per interval (~10 per second) is handed to
 * {@code ui}, which runs it on the FX thread. {@link #flush()} delivers the rest when the run ends.
 * Needs no FX toolkit.
 */
public final class CurveFeed implements ExperimentListener {
    /** One curve point: x in epochs (fractional for steps), y the loss or the validation UAR. */
    public record Point(String stage, Kind kind, double epochs, double value) {
    }

    /** Which curve a point belongs to. */
    public enum Kind { LOSS, VALIDATION_UAR }

    /** A batch of what happened since the last one, in order. */
    public record Batch(List<Point> points, String stage, Path runDir, List<String> messages) {
    }

    private final Queue<Point> points = new ConcurrentLinkedQueue<>();
    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private final Consumer<Runnable> ui;
    private final Consumer<Batch> sink;
    private final ProgressSink progress;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final AtomicLong lastPost;
    private volatile String stage = "";
    private volatile Path runDir;

    /**
     * @param ui            runs a task on the FX thread (Platform::runLater; Runnable::run in tests)
     * @param sink          receives batches on the FX thread
     * @param progress      the status bar's progress (extraction, embedding)
     * @param nanoClock     monotonic clock
     * @param intervalNanos minimum time between two batches
     */
    public CurveFeed(Consumer<Runnable> ui, Consumer<Batch> sink, ProgressSink progress, LongSupplier nanoClock,
                     long intervalNanos) {
        this.ui = Objects.requireNonNull(ui);
        this.sink = Objects.requireNonNull(sink);
        this.progress = Objects.requireNonNull(progress);
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
        this.lastPost = new AtomicLong(nanoClock.getAsLong() - intervalNanos);
    }

    @Override
    public void onStage(String newStage) {
        stage = newStage;
        progress.report(new Progress(newStage, 0, -1, ""));
        maybePost();
    }

    @Override
    public void onRunDirectory(Path dir) {
        runDir = dir;
        post();
    }

    @Override
    public void onStep(EpochProgress p) {
        points.add(new Point(stage, Kind.LOSS, p.epoch() + p.step() / (double) p.steps(), p.loss()));
        progress.report(new Progress(stage, (long) p.epoch() * p.steps() + p.step(), (long) p.epochs() * p.steps(),
                String.format(java.util.Locale.ROOT, "epoch %d/%d, loss %.4f", p.epoch() + 1, p.epochs(), p.loss())));
        maybePost();
    }

    @Override
    public void onEpoch(EpochProgress p) {
        if (!Double.isNaN(p.validationUar())) {
            points.add(new Point(stage, Kind.VALIDATION_UAR, p.epoch() + 1, p.validationUar()));
        }
        maybePost();
    }

    @Override
    public void onMessage(String message) {
        messages.add(message);
        maybePost();
    }

    @Override
    public void report(Progress p) {
        progress.report(p);
    }

    /** Hands everything still queued to the UI. */
    public void flush() {
        post();
    }

    private void maybePost() {
        long now = nanoClock.getAsLong();
        long last = lastPost.get();
        if (now - last >= intervalNanos && lastPost.compareAndSet(last, now)) {
            post();
        }
    }

    private void post() {
        ui.accept(this::drain);
    }

    private void drain() {
        List<Point> ps = new ArrayList<>();
        for (Point p; (p = points.poll()) != null; ) {
            ps.add(p);
        }
        List<String> ms = new ArrayList<>();
        for (String m; (m = messages.poll()) != null; ) {
            ms.add(m);
        }
        sink.accept(new Batch(ps, stage, runDir, ms));
    }
}
