package org.e2v.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.audio.AudioFiles;
import org.e2v.common.AppInfo;
import org.e2v.common.E2vException;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Utterance;
import org.e2v.features.AudioFeatureSpec;
import org.e2v.features.AudioFolder;
import org.e2v.features.FeatureExtractor;
import org.e2v.features.FeatureSpecs;
import org.e2v.features.SyntheticSpeech;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code e2v bench features}: real-time factor per core of each extractor, i.e. seconds of audio
 * per CPU second of the extracting thread (ThreadMXBean), so other load on the machine changes
 * the figure less than wall time would.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Measure the real-time factor per core (audio seconds / CPU seconds of the extracting thread) "
                + "of each feature extractor and print JSON.")
public final class BenchFeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "<folder>",
            description = "Folder of .wav files. Default: the demo corpus (resources/demo) if present, else synthetic speech-like audio.")
    Path dir;

    @Option(names = "--synthetic", description = "Use generated speech-like audio even when the demo corpus is present.")
    boolean synthetic;

    @Option(names = "--seconds", defaultValue = "60", description = "Seconds of synthetic audio when no folder is used. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--features", split = ",", defaultValue = "emobase,mfcc,logmel",
            description = "Extractors to measure. Default: ${DEFAULT-VALUE}.")
    List<String> kinds;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed passes over the audio (the best is reported). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Override
    public Integer call() {
        if (repeats < 1 || !(seconds > 0)) {
            throw new E2vException("--repeats must be at least 1 and --seconds positive");
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            throw new E2vException("this JVM cannot measure thread CPU time");
        }
        List<AudioClip> clips = new ArrayList<>();
        String source = loadAudio(clips);
        double audioSeconds = clips.stream().mapToDouble(AudioClip::durationSeconds).sum();
        List<Map<String, Object>> results = new ArrayList<>();
        for (String kind : kinds) {
            AudioFeatureSpec featureSpec = FeatureSpecs.defaults(kind.strip());
            FeatureExtractor extractor = featureSpec.newExtractor();
            // Warm-up: let the JIT compile the hot loops before timing.
            double warmed = 0;
            for (int i = 0; warmed < Math.min(20, audioSeconds); i = (i + 1) % clips.size()) {
                extractor.extract("warm-up", clips.get(i));
                warmed += clips.get(i).durationSeconds();
            }
            double bestCpu = Double.MAX_VALUE;
            double bestWall = Double.MAX_VALUE;
            long frames = 0;
            for (int r = 0; r < repeats; r++) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                frames = 0;
                for (int i = 0; i < clips.size(); i++) {
                    frames += extractor.extract("u" + i, clips.get(i)).frames();
                }
                bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
                bestWall = Math.min(bestWall, (System.nanoTime() - wall0) / 1e9);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("features", featureSpec.kind());
            r.put("dims", featureSpec.dims());
            r.put("frames", frames);
            r.put("cpu_seconds", round(bestCpu, 4));
            r.put("wall_seconds", round(bestWall, 4));
            r.put("realtime_factor_per_core", round(audioSeconds / bestCpu, 1));
            r.put("microseconds_per_frame", round(bestCpu * 1e6 / Math.max(1, frames), 2));
            results.add(r);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("clips", clips.size());
        json.put("audio_seconds", round(audioSeconds, 3));
        json.put("repeats", repeats);
        json.put("metric", "audio seconds per CPU second of the extracting thread (best of the repeats)");
        json.put("results", results);
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }

    private String loadAudio(List<AudioClip> clips) {
        Path folder = synthetic ? null : dir;
        if (folder == null && !synthetic) {
            Path demo = AppInfo.resourcesDir().resolve("demo");
            if (Files.isDirectory(demo) && hasWav(demo)) {
                folder = demo;
            }
        }
        if (folder != null) {
            for (Utterance u : AudioFolder.utterances(folder)) {
                clips.add(AudioFiles.load(u.audio(), u.segment()));
            }
            return folder.toString();
        }
        // Ten-second clips, as many as cover the requested duration.
        double left = seconds;
        long seed = 1;
        while (left > 1e-9) {
            double len = Math.min(10, left);
            clips.add(new AudioClip(SyntheticSpeech.generate(len, AudioFiles.TARGET_RATE_HZ, seed++), AudioFiles.TARGET_RATE_HZ));
            left -= len;
        }
        return "synthetic speech-like audio (harmonic tone with vibrato and noise)";
    }

    private static boolean hasWav(Path folder) {
        try (var walk = Files.walk(folder)) {
            return walk.anyMatch(p -> p.toString().toLowerCase().endsWith(".wav"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
