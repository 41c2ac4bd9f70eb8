package org.e2v.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.e2v.audio.AudioFiles;
import org.e2v.audio.Recorder;
import org.e2v.audio.ToneCaptureSource;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code e2v bench record}: memory of a long microphone recording (issue #8: "recording for 10
 * minutes does not grow memory without bound"). A synthetic capture line delivers the audio as
 * fast as the recorder reads it (or at real time with {@code --real-time}); heap after GC and RSS
 * are sampled every recorded minute, then the recording is saved and its length checked.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a long synthetic 'microphone' signal through the recorder and print its memory as JSON: "
                + "heap after GC and RSS every recorded minute, growth over the recording, the saved WAV's size.",
                "Needs no microphone; --real-time paces the line like a device (takes as long as the recording)."})
public final class BenchRecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "10", description = "Length of the recording in minutes (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--real-time", description = "Deliver audio no faster than a microphone would.")
    boolean realTime;

    @Option(names = "--out", paramLabel = "<file.wav>",
            description = "Where to save the recording (default: a temporary file, deleted afterwards).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0) || minutes > 24 * 60) {
            throw new E2vException("--minutes must be in (0, 1440], got " + minutes);
        }
        ToneCaptureSource source = new ToneCaptureSource(minutes * 60, realTime);
        AtomicLong levels = new AtomicLong();
        List<List<Double>> samples = new ArrayList<>();
        Path wav = out != null ? out : Files.createTempFile("e2v-bench-record-", ".wav");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "microphone recording memory (synthetic line)");
        json.put("minutes", minutes);
        json.put("real_time", realTime);
        double heapStart = heapAfterGcMb();
        double rssStart = BenchSoakCommand.rssMb();
        long started = System.nanoTime();
        try (Recorder recorder = new Recorder(source, level -> levels.incrementAndGet())) {
            recorder.start();
            samples.add(List.of(0.0, BenchSupport.round(rssStart), BenchSupport.round(heapStart)));
            double nextMinute = 1;
            long expected = source.totalSamples();
            while (recorder.recordedSeconds() * AudioFiles.TARGET_RATE_HZ < expected) {
                Thread.sleep(20);
                double recordedMinutes = recorder.recordedSeconds() / 60;
                if (recordedMinutes >= nextMinute) {
                    samples.add(List.of(BenchSupport.round(recordedMinutes), BenchSupport.round(BenchSoakCommand.rssMb()),
                            BenchSupport.round(heapAfterGcMb())));
                    spec.commandLine().getErr().printf(java.util.Locale.ROOT, "record %.1f min%n", recordedMinutes);
                    spec.commandLine().getErr().flush();
                    nextMinute = Math.floor(recordedMinutes) + 1;
                }
            }
            double seconds = recorder.stop();
            double heapEnd = heapAfterGcMb();
            recorder.save(wav);
            json.put("recorded_seconds", BenchSupport.round(seconds));
            json.put("wall_s", BenchSupport.round((System.nanoTime() - started) / 1e9));
            json.put("level_updates", levels.get());
            long bytes = Files.size(wav);
            json.put("wav_mb", BenchSupport.round(bytes / 1048576.0));
            if (bytes != 44 + 2 * expected) {
                throw new InputException(wav, "holds " + bytes + " bytes, expected " + (44 + 2 * expected));
            }
            json.put("heap_after_gc_start_mb", BenchSupport.round(heapStart));
            json.put("heap_after_gc_end_mb", BenchSupport.round(heapEnd));
            json.put("heap_growth_mb", BenchSupport.round(heapEnd - heapStart));
            json.put("heap_max_after_gc_mb", samples.stream().mapToDouble(s -> s.get(2)).max().orElse(Double.NaN));
            json.put("rss_start_mb", BenchSupport.round(rssStart));
            json.put("rss_end_mb", BenchSupport.round(BenchSoakCommand.rssMb()));
            json.put("samples_minutes_rss_mb_heap_mb", samples);
        } finally {
            if (out == null) {
                Files.deleteIfExists(wav);
            }
        }
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }

    /** Heap in use after a full collection, MiB: what the program really keeps. */
    static double heapAfterGcMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
