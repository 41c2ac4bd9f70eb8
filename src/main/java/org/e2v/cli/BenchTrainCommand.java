package org.e2v.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.common.E2vException;
import org.e2v.domain.FeatureMatrix;
import org.e2v.model.EncoderModel;
import org.e2v.model.EncoderSpec;
import org.e2v.model.LossSpec;
import org.e2v.model.StepPhase;
import org.e2v.model.StepResult;
import org.e2v.model.loss.Losses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code e2v bench train}: time of one training step (forward, backward, Adamax) of the encoder at
 * the paper's sizes (Sec. 4.1.3: K = 4 classes x N = 10 per class, 512-dim vq-wav2vec frames,
 * GRU 256, 2 heads), for each requested model dimension. Prints JSON.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Median time of an encoder training step (forward, backward, Adamax) on synthetic "
                + "episodes at the paper's sizes, peak memory, as JSON. The launcher sets the OpenMP threads (OMP_NUM_THREADS, OMP_WAIT_POLICY) where they are unset.")
public final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--type", defaultValue = EncoderSpec.GRU_TRANSFORMER, description = EncoderSpec.TYPE_DESCRIPTION)
    String type;

    @Option(names = "--model-dims", split = ",", defaultValue = "128,512",
            description = "Model dimensions to time, comma separated (default: ${DEFAULT-VALUE}).")
    List<Integer> modelDims;

    @Option(names = "--gru", defaultValue = "256", description = EncoderSpec.GRU_HIDDEN_DESCRIPTION)
    int gruHidden;

    @Option(names = "--heads", defaultValue = "2", description = EncoderSpec.HEADS_DESCRIPTION)
    int heads;

    @Option(names = "--layers", defaultValue = "1", description = EncoderSpec.LAYERS_DESCRIPTION)
    int layers;

    @Option(names = "--ff", defaultValue = "2048", description = EncoderSpec.FF_DIM_DESCRIPTION)
    int ffDim;

    @Option(names = "--classes", defaultValue = "4", description = "Classes K per episode (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--per-class", defaultValue = "10", description = "Utterances N per class (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--frames", defaultValue = "300", description = "Input frames T per utterance before pooling (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--dims", defaultValue = "512", description = "Feature dimension D (default: ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first, including graph building (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the model and the synthetic data.")
    long seed;

    @Override
    public Integer call() {
        SameDiffNoiseFilter.install();
        if (steps < 1 || warmup < 0 || classes < 1 || perClass < 1 || frames < 1 || dims < 1) {
            throw new E2vException("steps, classes, per-class, frames and dims must be positive and warmup >= 0");
        }
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            classNames.add("class" + k);
        }
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        List<FeatureMatrix> episode = BenchSupport.utterances(classes * perClass, frames, dims, seed);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int modelDim : modelDims) {
            EncoderSpec encoder = encoderSpec(modelDim);
            try (EncoderModel model = EncoderModel.create(encoder, dims, classNames, LossSpec.namp(),
                    Losses.create(LossSpec.namp()), seed)) {
                long t0 = System.nanoTime();
                StepResult first = model.trainStep(episode, labels, classes, perClass, 1e-3);
                double firstSeconds = (System.nanoTime() - t0) / 1e9;
                for (int i = 1; i < warmup; i++) {
                    model.trainStep(episode, labels, classes, perClass, 1e-3);
                }
                double[] seconds = new double[steps];
                double[] cpuSeconds = new double[steps];
                double[] processCpuSeconds = new double[steps];
                Map<StepPhase, double[]> phases = new EnumMap<>(StepPhase.class);
                StepResult last = first;
                for (int i = 0; i < steps; i++) {
                    long s = System.nanoTime();
                    double c = BenchSupport.threadCpuSeconds();
                    double pc = BenchSupport.processCpuSeconds();
                    last = model.trainStep(episode, labels, classes, perClass, 1e-3);
                    cpuSeconds[i] = BenchSupport.threadCpuSeconds() - c;
                    processCpuSeconds[i] = BenchSupport.processCpuSeconds() - pc;
                    seconds[i] = (System.nanoTime() - s) / 1e9;
                    for (Map.Entry<StepPhase, Double> e : model.lastStepPhaseMs().entrySet()) {
                        phases.computeIfAbsent(e.getKey(), k -> new double[steps])[i] = e.getValue();
                    }
                }
                Map<String, Object> phaseMedians = new LinkedHashMap<>();
                for (Map.Entry<StepPhase, double[]> e : phases.entrySet()) {
                    phaseMedians.put(e.getKey().name().toLowerCase(Locale.ROOT),
                            BenchSupport.round(BenchSupport.median(e.getValue())));
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("model_dim", modelDim);
                r.put("first_step_s_including_graph_build", BenchSupport.round(firstSeconds));
                r.put("step", BenchSupport.stats(seconds));
                r.put("step_thread_cpu", BenchSupport.stats(cpuSeconds));
                r.put("step_process_cpu", BenchSupport.stats(processCpuSeconds));
                r.put("phase_median_wall_ms", phaseMedians);
                r.put("first_loss", first.loss());
                r.put("last_loss", last.loss());
                r.put("full_gcs", model.collections());
                results.add(r);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "encoder training step");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", type);
        config.put("classes_K", classes);
        config.put("per_class_N", perClass);
        config.put("frames_T", frames);
        config.put("dims_D", dims);
        config.put("gru_hidden", gruHidden);
        config.put("heads", heads);
        config.put("layers", layers);
        config.put("ff_dim", ffDim);
        config.put("loss", "namp (Eq. (4), m = " + LossSpec.namp().margin() + ") + head cross-entropy");
        config.put("warmup_steps", warmup);
        out.put("config", config);
        out.put("results", results);
        out.put("peak_rss_mb", BenchSupport.peakRssMb());
        out.put("machine", BenchSupport.machine());
        out.put("reference", Map.of("pytorch_1_13_2core_s_per_step", Map.of("128", 0.34, "512", 0.88)));
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    private EncoderSpec encoderSpec(int modelDim) {
        try {
            EncoderSpec d = EncoderSpec.defaults(type);
            return new EncoderSpec(d.type(), d.poolSteps(), gruHidden, modelDim, layers, heads, ffDim, d.dropout(),
                    d.lstmHidden(), d.netvladClusters(), d.cnnChannels(), d.cnnLayers(), d.cnnKernel(), d.bucketFrames());
        } catch (IllegalArgumentException e) {
            throw new E2vException("invalid encoder settings: " + e.getMessage(), e);
        }
    }
}
