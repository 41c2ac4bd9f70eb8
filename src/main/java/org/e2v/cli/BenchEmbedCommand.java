package org.e2v.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.common.E2vException;
import org.e2v.domain.FeatureMatrix;
import org.e2v.model.EncoderModel;
import org.e2v.model.EncoderSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code e2v bench embed}: time to embed one utterance (evaluation mode), as used in enrollment and verification. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Median time to embed one utterance (and a batch) with the encoder at the paper's sizes, "
                + "peak memory, as JSON.")
public final class BenchEmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--type", defaultValue = EncoderSpec.GRU_TRANSFORMER, description = EncoderSpec.TYPE_DESCRIPTION)
    String type;

    @Option(names = "--model-dim", defaultValue = "512", description = EncoderSpec.MODEL_DIM_DESCRIPTION)
    int modelDim;

    @Option(names = "--gru", defaultValue = "256", description = EncoderSpec.GRU_HIDDEN_DESCRIPTION)
    int gruHidden;

    @Option(names = "--heads", defaultValue = "2", description = EncoderSpec.HEADS_DESCRIPTION)
    int heads;

    @Option(names = "--ff", defaultValue = "2048", description = EncoderSpec.FF_DIM_DESCRIPTION)
    int ffDim;

    @Option(names = "--frames", defaultValue = "300", description = "Input frames T of the utterance (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--dims", defaultValue = "512", description = "Feature dimension D (default: ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--batch", defaultValue = "32", description = "Utterances in the batched measurement (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--runs", defaultValue = "20", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "1000", description = "Untimed runs first, including graph building; "
            + "one utterance reaches its steady time only after several hundred, as the JIT compiles ND4J's per-op "
            + "Java code late (after 200 it still took 1.5-2x as long); calls 2 to 31 are reported too "
            + "(default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        SameDiffNoiseFilter.install();
        if (runs < 1 || warmup < 0 || frames < 1 || dims < 1 || batch < 1) {
            throw new E2vException("runs, frames, dims and batch must be positive and warmup >= 0");
        }
        EncoderSpec encoder;
        try {
            EncoderSpec d = EncoderSpec.defaults(type);
            encoder = new EncoderSpec(d.type(), d.poolSteps(), gruHidden, modelDim, d.layers(), heads, ffDim, d.dropout(),
                    d.lstmHidden(), d.netvladClusters(), d.cnnChannels(), d.cnnLayers(), d.cnnKernel(), d.bucketFrames());
        } catch (IllegalArgumentException e) {
            throw new E2vException("invalid encoder settings: " + e.getMessage(), e);
        }
        List<FeatureMatrix> many = BenchSupport.utterances(batch, frames, dims, 3);
        List<FeatureMatrix> one = many.subList(0, 1);
        Map<String, Object> out = new LinkedHashMap<>();
        try (EncoderModel model = EncoderModel.create(encoder, dims, List.of("a", "b", "c", "d"), null, null, 1)) {
            long t0 = System.nanoTime();
            model.embed(one);
            double firstSeconds = (System.nanoTime() - t0) / 1e9;
            double[] warming = new double[Math.max(0, warmup - 1)];
            for (int i = 1; i < warmup; i++) {
                long s = System.nanoTime();
                model.embed(one);
                warming[i - 1] = (System.nanoTime() - s) / 1e9;
            }
            double[] single = new double[runs];
            double[] singleCpu = new double[runs];
            double[] singleProcessCpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                // wall time around the call alone: the CPU-time reads stay outside it
                double c = BenchSupport.threadCpuSeconds();
                double pc = BenchSupport.processCpuSeconds();
                long s = System.nanoTime();
                model.embed(one);
                single[i] = (System.nanoTime() - s) / 1e9;
                singleCpu[i] = BenchSupport.threadCpuSeconds() - c;
                singleProcessCpu[i] = BenchSupport.processCpuSeconds() - pc;
            }
            model.embed(many);
            int batchRuns = Math.max(1, runs / 4);
            double[] batched = new double[batchRuns];
            double[] batchedCpu = new double[batchRuns];
            for (int i = 0; i < batchRuns; i++) {
                double c = BenchSupport.threadCpuSeconds();
                long s = System.nanoTime();
                model.embed(many);
                batched[i] = (System.nanoTime() - s) / 1e9 / batch;
                batchedCpu[i] = (BenchSupport.threadCpuSeconds() - c) / batch;
            }
            out.put("benchmark", "encoder embedding (evaluation mode)");
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("type", type);
            config.put("frames_T", frames);
            config.put("dims_D", dims);
            config.put("gru_hidden", gruHidden);
            config.put("model_dim", modelDim);
            config.put("heads", heads);
            config.put("ff_dim", ffDim);
            config.put("embedding_dims", model.embeddingDims());
            out.put("config", config);
            out.put("first_embed_s_including_graph_build", BenchSupport.round(firstSeconds));
            if (warming.length > 0) {
                // the same call before the JIT has compiled it: what the first enrollments of a session see
                out.put("one_utterance_calls_2_to_" + (Math.min(30, warming.length) + 1),
                        BenchSupport.stats(Arrays.copyOf(warming, Math.min(30, warming.length))));
            }
            out.put("one_utterance", BenchSupport.stats(single));
            out.put("one_utterance_thread_cpu", BenchSupport.stats(singleCpu));
            out.put("one_utterance_process_cpu", BenchSupport.stats(singleProcessCpu));
            out.put("per_utterance_in_batch_of_" + batch, BenchSupport.stats(batched));
            out.put("per_utterance_in_batch_of_" + batch + "_thread_cpu", BenchSupport.stats(batchedCpu));
        }
        out.put("peak_rss_mb", BenchSupport.peakRssMb());
        out.put("machine", BenchSupport.machine());
        out.put("reference", Map.of("pytorch_1_13_2core_s_per_utterance", 0.008));
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
