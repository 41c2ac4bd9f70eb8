package org.e2v.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.common.AppInfo;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.common.CancellationToken;
import org.e2v.common.E2vException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.Utterance;
import org.e2v.features.AudioFolder;
import org.e2v.features.ExtractionSummary;
import org.e2v.features.FeatureResult;
import org.e2v.features.FeatureService;
import org.e2v.features.FeatureSpec;
import org.e2v.features.FeatureSpecs;
import org.e2v.features.SpecField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code e2v extract <corpus> --features emobase|mfcc|logmel|npy:<dir>}: computes (or imports)
 * frame-level features for a corpus, fills the feature cache and prints a JSON summary.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract frame-level features of a corpus into the feature cache and print a JSON summary "
                + "(utterances, frames, dims, seconds of audio, time taken, cache hits, problems).",
                "The corpus is a folder of .wav files (utterance id = file stem) or anything the corpus loaders read.",
                "Exit code 2 when any utterance could not be extracted (damaged audio or .npy file, missing or "
                        + "mismatched features): the others are still extracted and cached, and stderr names each file and its problem."})
public final class ExtractCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<corpus>", description = "Corpus folder or file (a plain folder of .wav files works without a corpus loader).")
    Path corpus;

    @Option(names = "--features", defaultValue = "emobase", paramLabel = "<set>",
            description = "Feature set: emobase, mfcc, logmel or npy:<folder> (precomputed .npy/.npz/.csv). Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = {"-P", "--param"}, paramLabel = "<field=value>",
            description = "Override a field of the feature set, e.g. -P coefficients=20 -P hopMs=20 (see --fields).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--normalise", paramLabel = "<none|utterance|speaker>",
            description = "Mean-variance normalisation (shortcut for -P normalisation=...).")
    String normalise;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "<format>",
            description = "Corpus format: auto, folder, manifest, iemocap, meld or audacity; a plain folder of .wav files "
                    + "is read with auto. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "<cache dir>",
            description = "Feature cache folder. Default: <user dir>/cache/features.")
    Path out;

    @Option(names = "--no-cache", description = "Compute everything afresh and do not write the cache.")
    boolean noCache;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (0 = one per core). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--fields", description = "Print the fields of the chosen feature set (defaults and descriptions) as JSON and exit.")
    boolean fields;

    @Override
    public Integer call() {
        Map<String, String> overrides = new LinkedHashMap<>(params);
        if (normalise != null) {
            overrides.put("normalisation", normalise);
        }
        if (fields) {
            List<SpecField> list = features.toLowerCase().startsWith("npy:") ? List.of() : FeatureSpecs.describe(features);
            Json.print(spec.commandLine().getOut(), list);
            return 0;
        }
        FeatureSpec featureSpec = FeatureSpecs.parse(features, overrides);
        List<Utterance> utterances = loadCorpus(corpus, format);
        Path cacheDir = noCache ? null : out != null ? out : AppInfo.userDir().resolve("cache").resolve("features");
        FeatureService service = new FeatureService(cacheDir, threads);
        FeatureResult result = service.extract(utterances, featureSpec, ProgressSink.NONE, CancellationToken.NONE);
        Json.print(spec.commandLine().getOut(), summary(result, cacheDir));
        // The others are extracted (and cached); the exit code still tells scripts that not every
        // utterance has features, and stderr names each file and its problem.
        var problems = result.summary().problems();
        for (var p : problems) {
            spec.commandLine().getErr().println("e2v: " + p.file() + ": " + p.problem());
        }
        if (!problems.isEmpty()) {
            spec.commandLine().getErr().println("e2v: " + problems.size() + " of " + utterances.size()
                    + " utterances have no features (listed above and under \"problems\")");
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    /** A corpus through the corpus loaders, or a plain folder of .wav files (label "unknown"). */
    static List<Utterance> loadCorpus(Path corpus, String format) {
        if (format.equals("auto") && Files.isDirectory(corpus) && isPlainWavFolder(corpus)) {
            return AudioFolder.utterances(corpus);
        }
        return CorpusLoaders.load(corpus, format, LoaderOptions.defaults()).utterances();
    }

    private static boolean isPlainWavFolder(Path folder) {
        try {
            CorpusLoaders.detect(folder);
            return false;
        } catch (E2vException e) {
            boolean wavs;
            try (var files = Files.list(folder)) {
                wavs = files.anyMatch(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav"));
            } catch (java.io.IOException io) {
                throw new org.e2v.common.InputException(folder, "could not be listed: " + io.getMessage(), io);
            }
            if (!wavs) {
                throw new org.e2v.common.InputException(folder, "contains no .wav files and no known corpus layout "
                        + "(IEMOCAP sessions, MELD CSVs, manifest.csv, label folders); pass --format for another layout");
            }
            return true;
        }
    }

    static Map<String, Object> summary(FeatureResult result, Path cacheDir) {
        ExtractionSummary s = result.summary();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("features", s.features());
        json.put("utterances", s.utterances());
        json.put("frames", s.frames());
        json.put("dims", s.dims());
        json.put("audio_seconds", Double.isNaN(s.audioSeconds()) ? null : round(s.audioSeconds()));
        json.put("elapsed_seconds", round(s.elapsedSeconds()));
        json.put("cache_hits", s.cacheHits());
        json.put("cache", cacheDir == null ? null : cacheDir.toString());
        List<Map<String, String>> problems = new ArrayList<>();
        for (var p : s.problems()) {
            problems.add(Map.of("file", p.file(), "problem", p.problem()));
        }
        json.put("problems", problems);
        json.put("spec", readTree(FeatureSpecs.canonicalJson(result.spec())));
        return json;
    }

    private static Object readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
