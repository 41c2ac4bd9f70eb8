package org.e2v.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.e2v.audio.CaptureLineSource;
import org.e2v.audio.JavaSoundLineSource;
import org.e2v.audio.Level;
import org.e2v.audio.Recorder;
import org.e2v.common.E2vException;
import org.e2v.data.LabelNames;
import org.e2v.data.ManifestLoader;
import org.e2v.data.RecordingStore;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code e2v record --seconds N --out file.wav [--label x]}: the headless counterpart of the Corpus
 * screen's "Record…" dialog. Records from the default microphone with a level meter on stderr,
 * writes a 16 kHz mono WAV atomically and, with a label, lists it in the manifest next to it.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record from the default microphone into a 16 kHz mono 16-bit WAV and print a JSON summary "
                + "(seconds, samples, loudest level, whether the input clipped).",
                "With --label the recording is also listed in manifest.csv next to the WAV (created on first use), "
                + "so a folder of recordings opens as a manifest corpus."})
public final class RecordCommand implements Callable<Integer> {
    private static final long STALL_NANOS = 5_000_000_000L;

    /** The microphone; tests put a synthetic line here. */
    CaptureLineSource source = new JavaSoundLineSource();

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", required = true, paramLabel = "<s>", description = "How long to record, in seconds (0.1 to 3600).")
    double seconds;

    @Option(names = "--out", required = true, paramLabel = "<file.wav>",
            description = "The WAV file to write; an existing file is not replaced. Its name (without .wav) is the utterance id.")
    Path out;

    @Option(names = "--label", paramLabel = "<label>",
            description = "Emotion label; when given, the recording is listed in manifest.csv next to the WAV.")
    String label;

    @Option(names = "--speaker", defaultValue = "me", paramLabel = "<id>", description = "Speaker id for the manifest row. Default: ${DEFAULT-VALUE}.")
    String speaker;

    @Option(names = "--split", defaultValue = "", paramLabel = "<split>",
            description = "Split for the manifest row: train, dev, test or empty (unassigned). Default: unassigned.")
    String split;

    @Option(names = "--quiet", description = "No level meter on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        if (!(seconds >= 0.1 && seconds <= 3600)) {
            throw new E2vException("--seconds must be between 0.1 and 3600, not " + seconds);
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            throw new E2vException(out + ": the output must be a .wav file");
        }
        if (Files.exists(out)) {
            throw new E2vException(out + " already exists; choose another file name");
        }
        Split chosenSplit;
        try {
            chosenSplit = Split.parse(split);
        } catch (IllegalArgumentException e) {
            throw new E2vException("--split: " + e.getMessage());
        }
        RecordingStore.Target target = label == null ? null
                : RecordingStore.intoManifest(out, out.toAbsolutePath().getParent().resolve(ManifestLoader.DEFAULT_NAME));
        if (label != null && label.isBlank()) {
            throw new E2vException("--label must not be empty");
        }
        PrintWriter err = spec.commandLine().getErr();
        Meter meter = new Meter(err, quiet);
        double recorded;
        Map<String, Object> summary = new LinkedHashMap<>();
        try (Recorder recorder = new Recorder(source, meter)) {
            recorder.start();
            if (!quiet) {
                err.printf(Locale.ROOT, "Recording %.1f s from the microphone…%n", seconds);
                err.flush();
            }
            double lastSeen = -1;
            long lastProgress = System.nanoTime();
            while (recorder.isRecording() && recorder.recordedSeconds() < seconds) {
                Thread.sleep(10);
                double now = recorder.recordedSeconds();
                if (now != lastSeen) {
                    lastSeen = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    meter.end();
                    throw new E2vException("the microphone delivered no sound for 5 s (after "
                            + String.format(Locale.ROOT, "%.1f", now) + " s); check that it is connected and not muted");
                }
            }
            long wanted = Math.round(seconds * 16_000);
            recorded = Math.min(recorder.stop(), wanted / 16_000.0);
            meter.end();
            recorder.save(out, wanted);
            summary.put("file", out.toAbsolutePath().toString());
            summary.put("seconds", Math.round(recorded * 1000) / 1000.0);
            summary.put("samples", Math.round(recorded * 16_000));
            summary.put("sample_rate_hz", 16_000);
            summary.put("peak_dbfs", Math.round(meter.loudestPeak * 10) / 10.0);
            summary.put("clipped", meter.clipped);
        }
        if (target != null) {
            Utterance u = RecordingStore.list(target, Speaker.of(speaker.strip()), LabelNames.normalise(label), chosenSplit);
            summary.put("manifest", target.listFile().toString());
            summary.put("id", u.id());
            summary.put("label", u.label().name());
        }
        Json.print(spec.commandLine().getOut(), summary);
        return 0;
    }

    /** A level bar on stderr, redrawn at most ten times a second. */
    private static final class Meter implements org.e2v.audio.LevelListener {
        private static final long REDRAW_NANOS = 100_000_000L;
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean quiet;
        private final AtomicReference<Long> lastDraw = new AtomicReference<>(0L);
        private volatile double loudestPeak = Level.FLOOR_DBFS;
        private volatile boolean clipped;
        private volatile boolean drawn;

        Meter(PrintWriter err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public void onLevel(Level level) {
            loudestPeak = Math.max(loudestPeak, level.peakDbfs());
            clipped |= level.clipping();
            long now = System.nanoTime();
            Long last = lastDraw.get();
            if (quiet || now - last < REDRAW_NANOS || !lastDraw.compareAndSet(last, now)) {
                return;
            }
            int filled = (int) Math.round(WIDTH * Level.meterFraction(level.rmsDbfs()));
            err.printf(Locale.ROOT, "\r[%s%s] %5.1f s  %4.0f dBFS%s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                    level.endSeconds(), level.rmsDbfs(), clipped ? "  CLIPPING" : "");
            err.flush();
            drawn = true;
        }

        void end() {
            if (drawn) {
                err.println();
                err.flush();
            }
        }
    }
}
