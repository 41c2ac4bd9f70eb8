package org.e2v.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bytedeco.javacpp.Pointer;
import org.e2v.common.InputException;
import org.e2v.common.Seeds;
import org.e2v.domain.FeatureMatrix;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An emotion prototype encoder (Sec. 3.3.1) with its linear classification head, its training
 * step (Adamax, Sec. 4.1.3) and its file format. Inputs of any length are pooled, padded to a
 * bucket length and masked; one unrolled SameDiff graph is cached per bucket and all graphs share
 * the same parameter arrays (decision 0020).
 *
 * <p>Not thread-safe: one thread owns a model for its whole life. Nothing returned is an INDArray.
 */
public final class EncoderModel implements AutoCloseable {
    static final double ADAMAX_BETA1 = 0.9;
    static final double ADAMAX_BETA2 = 0.999;
    static final double ADAMAX_EPS = 1e-8;
    /** Utterances per evaluation batch: bounds memory for long buckets. */
    static final int EVAL_BATCH = 32;
    /**
     * Cap of SameDiff's per-session array cache. Its default is a quarter of physical memory
     * (6 GB on a 24 GB machine), which is what made peak RSS reach 8 GB in training.
     */
    static final long ARRAY_CACHE_BYTES = 256L << 20;
    /**
     * Growth of resident memory (bytes) since the last collection that triggers a full Java GC
     * after a training step (decision 0131): SameDiff's intermediate arrays are native memory
     * released only when Java's GC collects their wrappers, and with a small heap it rarely runs.
     */
    static final long NATIVE_GROWTH_BEFORE_GC_BYTES = 256L << 20;
    /**
     * A full GC also runs once the training time since the last one reaches this multiple of the
     * last collection's duration, so collections cost at most about 1/10 of training time while
     * the garbage between two of them stays a few steps' worth.
     */
    static final long STEP_TIME_PER_GC_TIME = 10;
    /**
     * The same multiple on the direct path (decision 0133): its work arrays are kept and its other
     * native arrays closed explicitly, so little waits for the GC and collections can be rarer
     * (decision 0139: 1/100 of training time; the resident-memory trigger above bounds native memory).
     */
    static final long DIRECT_STEP_TIME_PER_GC_TIME = 100;
    /** Graphs kept per mode (train, eval); older buckets are rebuilt on demand. */
    static final int MAX_CACHED_GRAPHS = 8;

    private final EncoderSpec spec;
    private final int inputDims;
    private final List<String> classNames;
    private final LossSpec lossSpec;
    private final TrainingLoss loss;
    private final long seed;
    private final DataType dataType;
    private final EncoderNet net;
    private final Params params;
    /** Trainable scalars the loss created (w, b, margin), shared by all train graphs; kept when loaded without a loss. */
    private final Map<String, INDArray> lossParams = new LinkedHashMap<>();
    private final Map<String, INDArray> adamaxM = new HashMap<>();
    private final Map<String, INDArray> adamaxU = new HashMap<>();
    /**
     * The one helper thread of this model's row-parallel Java passes (GRU gates, feed-forward
     * units, Adamax): they all run on the model's thread, one after another (decision 0135).
     */
    private final PairWorker rows = new PairWorker();
    /** Host copies for the loss computed in Java (decision 0136). */
    private final HostCopy hostCopy = new HostCopy();
    private final AdamaxUpdate adamax = new AdamaxUpdate(ADAMAX_BETA1, ADAMAX_BETA2, ADAMAX_EPS, rows);
    private long steps;
    private final Random dropoutRng;
    private final Map<GraphKey, Graph> trainGraphs = lru();
    private final Map<GraphKey, Graph> evalGraphs = lru();
    private final GruBptt gruBptt = new GruBptt(rows);
    /** The episode's features while {@link #gruBptt} holds them for its backward pass. */
    private INDArray gruInput;
    /** How training runs the encoder (tests pick the SameDiff references). */
    private final TrainPath trainPath;
    /** Training of the transformer outside SameDiff (decision 0133); null on the other paths and encoders. */
    private final TransformerBackprop transformerBackprop;
    /** [B, T, W] input of the transformer (the GRU's output or the features) while {@link #transformerBackprop} holds it. */
    private INDArray transformerInput;
    /** Single-utterance evaluation outside any graph, created on first use. */
    private LeanEncoder leanEncoder;
    /** Gradient arrays the step borrowed from {@link #transformerBackprop}: not to be closed. */
    private final java.util.Set<INDArray> borrowedGradients = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());
    private Path sourceFile;
    private boolean closed;
    /** Resident bytes right after the last collection this model triggered (0: none yet). */
    private long residentAfterGc;
    /** {@link #NATIVE_GROWTH_BEFORE_GC_BYTES}, lowered only by tests. */
    private long nativeGrowthBeforeGc = NATIVE_GROWTH_BEFORE_GC_BYTES;
    private long collections;
    private long lastGcNanos;
    private long stepNanosSinceGc;
    /** Nanoseconds per phase of the last {@link #trainStep}, indexed by {@link StepPhase#ordinal()}. */
    private final long[] phaseNanos = new long[StepPhase.values().length];
    private long phaseStart;

    /** Train graphs depend on the episode shape too (the loss is built for K x N); loss graphs have frames 0. */
    private record GraphKey(int frames, int classesK, int perClassN) {
    }

    /** Where a training step runs the encoder. */
    enum TrainPath {
        /**
         * gru-transformer and transformer: GRU ({@link GruBptt}) and transformer ({@link TransformerBackprop})
         * outside SameDiff, only head and loss in a graph (decision 0133). The default.
         */
        DIRECT,
        /** The transformer in SameDiff, the GRU outside (decision 0130): the reference for {@link TransformerBackprop}. */
        GRAPH_TRANSFORMER,
        /** Everything in SameDiff, the GRU unrolled: the reference for {@link GruBptt}. */
        UNROLLED_GRU
    }

    private record Graph(SameDiff sd, int frames, Dropout dropout, List<String> outputs, List<String> trainable) {
    }

    private EncoderModel(EncoderSpec spec, int inputDims, List<String> classNames, LossSpec lossSpec,
                         TrainingLoss loss, long seed, DataType dataType, TrainPath trainPath) {
        if (inputDims <= 0) {
            throw new IllegalArgumentException("inputDims must be positive, got " + inputDims);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one class");
        }
        this.spec = Objects.requireNonNull(spec);
        this.inputDims = inputDims;
        this.classNames = List.copyOf(classNames);
        this.lossSpec = lossSpec;
        this.loss = loss;
        this.seed = seed;
        this.dataType = dataType;
        this.trainPath = trainPath == TrainPath.DIRECT && !TransformerBackprop.supports(spec) ? TrainPath.GRAPH_TRANSFORMER
                : trainPath;
        this.transformerBackprop = this.trainPath == TrainPath.DIRECT ? new TransformerBackprop(spec, rows) : null;
        this.net = new EncoderNet(spec, inputDims);
        this.params = new Params(dataType, Seeds.derive(seed, "init"));
        net.declare(params);
        int e = net.embeddingDims();
        params.uniform("headW", 1 / Math.sqrt(e), e, classNames.size());
        params.uniform("headBias", 1 / Math.sqrt(e), classNames.size());
        this.dropoutRng = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(seed, "dropout"));
    }

    /**
     * A freshly initialised model. Same arguments and seed give the same parameters and, step by
     * step, the same training results.
     *
     * @param spec       architecture
     * @param inputDims  feature dimension D of the inputs
     * @param classNames the C classes of the linear head, in label-index order
     * @param lossSpec   recorded with the model (may be null when only embedding)
     * @param loss       the training loss built into train graphs (null: {@link #trainStep} refuses)
     * @param seed       master seed; parameter init and dropout use named sub-seeds
     */
    public static EncoderModel create(EncoderSpec spec, int inputDims, List<String> classNames, LossSpec lossSpec,
                                      TrainingLoss loss, long seed) {
        return new EncoderModel(spec, inputDims, classNames, lossSpec, loss, seed, DataType.FLOAT, TrainPath.DIRECT);
    }

    /** As {@link #create} with a chosen precision (double for gradient checks). */
    static EncoderModel create(EncoderSpec spec, int inputDims, List<String> classNames, LossSpec lossSpec,
                               TrainingLoss loss, long seed, DataType dataType) {
        return new EncoderModel(spec, inputDims, classNames, lossSpec, loss, seed, dataType, TrainPath.DIRECT);
    }

    /** As {@link #create} but training runs the transformer in SameDiff: the reference for {@link TransformerBackprop}. */
    static EncoderModel createWithGraphTransformer(EncoderSpec spec, int inputDims, List<String> classNames,
                                                   TrainingLoss loss, long seed, DataType dataType) {
        return new EncoderModel(spec, inputDims, classNames, null, loss, seed, dataType, TrainPath.GRAPH_TRANSFORMER);
    }

    /** As {@link #create} but training runs the GRU unrolled inside SameDiff: the reference for gradient tests. */
    static EncoderModel createWithUnrolledGru(EncoderSpec spec, int inputDims, List<String> classNames,
                                              TrainingLoss loss, long seed, DataType dataType) {
        return new EncoderModel(spec, inputDims, classNames, null, loss, seed, dataType, TrainPath.UNROLLED_GRU);
    }

    /** Embeddings in evaluation mode (no dropout), one row per input, in input order. */
    public float[][] embed(List<FeatureMatrix> inputs) {
        return forward(inputs, "embedding", 0);
    }

    /** Class scores of the linear head, [n][C], in input order. */
    public float[][] logits(List<FeatureMatrix> inputs) {
        return forward(inputs, "logits", 0);
    }

    /** As {@link #embed} but every input is padded to at least {@code minBucket} pooled frames (tests padding). */
    float[][] embedInBucket(List<FeatureMatrix> inputs, int minBucket) {
        return forward(inputs, "embedding", minBucket);
    }

    private float[][] forward(List<FeatureMatrix> inputs, String output, int minBucket) {
        ensureOpen();
        checkInputs(inputs);
        int width = output.equals("embedding") ? embeddingDims() : classNames.size();
        float[][] result = new float[inputs.size()][];
        Map<Integer, List<Integer>> byBucket = new TreeMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            int bucket = Math.max(minBucket, spec.bucketOf(inputs.get(i).frames()));
            byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Integer, List<Integer>> e : byBucket.entrySet()) {
            if (minBucket == 0 && e.getValue().size() == 1 && TransformerBackprop.supports(spec)) {
                int i = e.getValue().get(0);
                result[i] = forwardLean(inputs.get(i), output);
                continue;
            }
            Graph g = evalGraph(e.getKey());
            List<Integer> idx = e.getValue();
            for (int from = 0; from < idx.size(); from += EVAL_BATCH) {
                List<Integer> chunk = idx.subList(from, Math.min(idx.size(), from + EVAL_BATCH));
                List<FeatureMatrix> items = new ArrayList<>();
                chunk.forEach(i -> items.add(inputs.get(i)));
                Map<String, INDArray> ph = batch(items, g.frames());
                if (net.hasGru()) {
                    INDArray in = ph.get("x");
                    ph.put("x", DirectGru.forward(in, params.get("gru_Wx"), params.get("gru_bx"), params.get("gru_Wh"),
                            params.get("gru_bh")));
                    in.close();
                }
                INDArray out = g.sd().output(ph, output).get(output);
                capArrayCaches(g.sd());
                INDArray asFloat = out.castTo(DataType.FLOAT);
                INDArray contiguous = asFloat.dup('c');
                float[] flat = contiguous.data().asFloat();
                closeIfOwned(contiguous);
                if (asFloat != out) {
                    closeIfOwned(asFloat);
                }
                if (out.closeable()) {
                    out.close(); // as in trainStep: session outputs are the caller's to free
                }
                for (int r = 0; r < chunk.size(); r++) {
                    float[] row = new float[width];
                    System.arraycopy(flat, r * width, row, 0, width);
                    result[chunk.get(r)] = row;
                }
                release(ph);
                collectGarbageWhenResidentGrew();
            }
        }
        return result;
    }

    /**
     * After an evaluation batch: a full GC when resident memory grew by
     * {@link #NATIVE_GROWTH_BEFORE_GC_BYTES} since the last collection (decision 0145). The batches'
     * intermediate arrays wait for Java's GC like the training step's; embedding a corpus with no
     * training in between grew RSS by about 220 MB per 10,000 utterances (`bench soak`). The first
     * call only takes its baseline, so a model that embeds a few utterances never pays a collection.
     */
    private void collectGarbageWhenResidentGrew() {
        long resident = Pointer.physicalBytes();
        if (residentAfterGc == 0) {
            residentAfterGc = resident;
        } else if (resident > residentAfterGc + nativeGrowthBeforeGc) {
            System.gc();
            collections++;
            residentAfterGc = Pointer.physicalBytes();
        }
    }

    /**
     * One utterance alone in its bucket: {@link LeanEncoder} on its own pooled length (no graph, no
     * padding), which enrollment and verification hit for every single-utterance call.
     */
    private float[] forwardLean(FeatureMatrix input, String output) {
        float[] pooled = TemporalPooling.pool(input, spec.poolSteps());
        if (leanEncoder == null) {
            leanEncoder = new LeanEncoder(spec, dataType, rows);
        }
        return leanEncoder.forward(params, pooled, pooled.length / inputDims, inputDims, output.equals("logits"));
    }

    /**
     * One Adamax step on an episode: K classes x N utterances, row k*N+i is utterance i of class k
     * (the order {@link TrainingLoss#build} expects). All inputs go into one graph (the bucket of
     * the longest) because the loss needs the whole episode at once.
     *
     * @param episode      K*N feature matrices
     * @param labels       class index (into {@link #classNames()}) of each row
     * @param classesK     K
     * @param perClassN    N
     * @param learningRate this step's learning rate (the caller owns the schedule)
     */
    public StepResult trainStep(List<FeatureMatrix> episode, int[] labels, int classesK, int perClassN,
                                double learningRate) {
        long start = System.nanoTime();
        Arrays.fill(phaseNanos, 0);
        phaseStart = start;
        OutAndGrad r = computeLossAndGradients(episode, labels, classesK, perClassN, true);
        Graph g = stepGraph(episode, classesK, perClassN);
        double total = r.getOutputs().get(g.outputs().get(0)).getDouble(0);
        double ce = g.outputs().get(1) == null ? Double.NaN : r.getOutputs().get(g.outputs().get(1)).getDouble(0);
        double metric = g.outputs().get(2) == null ? Double.NaN : r.getOutputs().get(g.outputs().get(2)).getDouble(0);
        boolean finite = Double.isFinite(total);
        Map<String, INDArray> grads = r.getGradients();
        if (finite) {
            List<AdamaxUpdate.Slot> slots = new ArrayList<>();
            for (Map.Entry<String, INDArray> e : grads.entrySet()) {
                if (e.getValue() != null) {
                    INDArray p = trainableArray(e.getKey());
                    slots.add(new AdamaxUpdate.Slot(p, e.getValue(),
                            adamaxM.computeIfAbsent(e.getKey(), n -> Nd4j.zeros(p.dataType(), p.shape())),
                            adamaxU.computeIfAbsent(e.getKey(), n -> Nd4j.zeros(p.dataType(), p.shape()))));
                }
            }
            // every gradient entry finite, or no parameter changes
            finite = adamax.apply(slots, learningRate / (1 - Math.pow(ADAMAX_BETA1, steps + 1)));
            if (finite) {
                steps++;
            }
        }
        // Native memory is otherwise only returned when Java's GC happens to collect the wrappers.
        releaseUnborrowed(grads);
        release(r.getOutputs());
        phase(StepPhase.UPDATE);
        stepNanosSinceGc += System.nanoTime() - start;
        collectGarbageWhenDue();
        phase(StepPhase.GC);
        return new StepResult(total, ce, metric, finite);
    }

    /**
     * Runs a full GC when resident memory grew by {@link #NATIVE_GROWTH_BEFORE_GC_BYTES} since the
     * last one or when {@link #STEP_TIME_PER_GC_TIME} times the last collection's duration of
     * training has passed (decision 0131). SameDiff's intermediate arrays are native memory that
     * is freed only when Java's GC collects their wrappers; the heap is small and rarely fills, so
     * without this RSS grew to 5 GB after 9 demo epochs and 8 GB in paper-size training.
     */
    private void collectGarbageWhenDue() {
        long resident = Pointer.physicalBytes();
        if (residentAfterGc == 0 || resident > residentAfterGc + nativeGrowthBeforeGc
                || stepNanosSinceGc >= (trainPath == TrainPath.DIRECT ? DIRECT_STEP_TIME_PER_GC_TIME
                        : STEP_TIME_PER_GC_TIME) * lastGcNanos) {
            long start = System.nanoTime();
            System.gc();
            lastGcNanos = System.nanoTime() - start;
            stepNanosSinceGc = 0;
            collections++;
            residentAfterGc = Pointer.physicalBytes();
        }
    }

    /** Adds the time since the last phase boundary to {@code p}. */
    private void phase(StepPhase p) {
        long now = System.nanoTime();
        phaseNanos[p.ordinal()] += now - phaseStart;
        phaseStart = now;
    }

    /** Wall milliseconds of each phase of the last {@link #trainStep} (benchmarks report them). */
    public Map<StepPhase, Double> lastStepPhaseMs() {
        Map<StepPhase, Double> m = new EnumMap<>(StepPhase.class);
        for (StepPhase p : StepPhase.values()) {
            m.put(p, phaseNanos[p.ordinal()] / 1e6);
        }
        return m;
    }

    /** Sets the resident-memory growth that triggers a collection (tests; a negative value: every time). */
    void nativeGrowthBeforeGc(long bytes) {
        nativeGrowthBeforeGc = bytes;
    }

    /** Full collections triggered by {@link #trainStep} and by evaluation batches so far (benchmarks report it). */
    public long collections() {
        return collections;
    }

    /** The total loss of an episode, forward only, without dropout and without an update. */
    double lossValue(List<FeatureMatrix> episode, int[] labels, int classesK, int perClassN) {
        validateEpisode(episode, labels, classesK, perClassN);
        Graph g = stepGraph(episode, classesK, perClassN);
        Map<String, INDArray> ph = trainPlaceholders(episode, labels, classesK, perClassN, g, false);
        Map<String, INDArray> graphInputs = ph;
        if (trainPath == TrainPath.DIRECT) {
            INDArray emb = directForward(ph, null);
            releaseDirect();
            graphInputs = feedLossGraph(g, emb, ph);
        } else {
            runGruOutsideGraph(ph, g);
            releaseGru();
        }
        Map<String, INDArray> out = g.sd().output(graphInputs, g.outputs().get(0));
        double total = out.get(g.outputs().get(0)).getDouble(0);
        release(out);
        capArrayCaches(g.sd());
        release(ph);
        return total;
    }

    /**
     * Loss and gradients without an update; dropout masks are drawn only when {@code dropout}.
     * Every returned array is the caller's.
     */
    OutAndGrad lossAndGradients(List<FeatureMatrix> episode, int[] labels, int classesK, int perClassN,
                                boolean dropout) {
        OutAndGrad r = computeLossAndGradients(episode, labels, classesK, perClassN, dropout);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        r.getGradients().forEach((name, g) -> grads.put(name, borrowedGradients.contains(g) ? g.dup() : g));
        return new OutAndGrad(r.getOutputs(), grads);
    }

    /** As {@link #lossAndGradients}, but gradients in {@link #borrowedGradients} stay owned by the model. */
    private OutAndGrad computeLossAndGradients(List<FeatureMatrix> episode, int[] labels, int classesK,
                                               int perClassN, boolean dropout) {
        validateEpisode(episode, labels, classesK, perClassN);
        Graph g = stepGraph(episode, classesK, perClassN);
        Map<String, INDArray> ph = trainPlaceholders(episode, labels, classesK, perClassN, g, dropout);
        borrowedGradients.clear();
        if (trainPath == TrainPath.DIRECT) {
            return directLossAndGradients(ph, g, dropout, labels, classesK, perClassN);
        }
        List<String> outs = outputNames(g);
        phase(StepPhase.INPUT);
        boolean gruOutside = runGruOutsideGraph(ph, g);
        phase(StepPhase.GRU_FORWARD);
        List<String> wanted = new ArrayList<>(g.trainable());
        if (gruOutside) {
            // d loss / d(GRU output) from SameDiff, then backpropagation through time in GruBptt
            wanted.add("x");
        }
        OutAndGrad r = g.sd().calculateGradientsAndOutputs(ph, outs, wanted);
        capArrayCaches(g.sd());
        phase(StepPhase.GRAPH);
        if (gruOutside) {
            Map<String, INDArray> grads = new LinkedHashMap<>(r.getGradients());
            INDArray dGruOut = grads.remove("x");
            grads.putAll(gruBptt.backward(dGruOut, ph.get("mask"), params.get("gru_Wx"), params.get("gru_Wh"))
                    .named("gru"));
            closeIfOwned(dGruOut);
            releaseGru();
            r = new OutAndGrad(r.getOutputs(), grads);
        }
        release(ph);
        phase(StepPhase.GRU_BACKWARD);
        return r;
    }

    /**
     * The default path for gru-transformer and transformer (decision 0133): GRU and transformer
     * outside SameDiff, head and loss on the embeddings (in Java where the loss has a host version,
     * decision 0136, else the loss graph), then both backward passes.
     */
    private OutAndGrad directLossAndGradients(Map<String, INDArray> ph, Graph g, boolean dropout, int[] labels,
                                              int classesK, int perClassN) {
        phase(StepPhase.INPUT);
        INDArray emb = directForward(ph, dropout ? dropoutRng : null);
        phase(StepPhase.TRANSFORMER_FORWARD);
        HostLoss host = loss.host();
        OutAndGrad r;
        if (host != null) {
            r = hostLossAndGradients(host, g, emb, labels, classesK, perClassN);
        } else {
            Map<String, INDArray> lossInputs = feedLossGraph(g, emb, ph);
            List<String> wanted = new ArrayList<>(g.trainable());
            wanted.add("emb");
            r = g.sd().calculateGradientsAndOutputs(lossInputs, outputNames(g), wanted);
            capArrayCaches(g.sd());
        }
        phase(StepPhase.GRAPH);
        Map<String, INDArray> grads = new LinkedHashMap<>(r.getGradients());
        INDArray dEmb = grads.remove("emb");
        Map<String, INDArray> tfGrads = transformerBackprop.backward(dEmb, params, net.hasGru());
        closeIfOwned(dEmb);
        INDArray dInput = tfGrads.remove("input");
        tfGrads.values().forEach(borrowedGradients::add);
        grads.putAll(tfGrads);
        phase(StepPhase.TRANSFORMER_BACKWARD);
        if (net.hasGru()) {
            int b = (int) ph.get("mask").size(0);
            int t = (int) ph.get("mask").size(1);
            INDArray dGruOut = dInput.reshape('c', b, t, spec.gruHidden());
            grads.putAll(gruBptt.backward(dGruOut, ph.get("mask"), params.get("gru_Wx"), params.get("gru_Wh"))
                    .named("gru"));
            closeIfOwned(dInput);
        }
        releaseDirect();
        release(ph);
        phase(StepPhase.GRU_BACKWARD);
        return new OutAndGrad(r.getOutputs(), grads);
    }

    /**
     * Head and loss in Java (decision 0136) on the embeddings (which it closes): the same outputs and
     * gradients, by the same names, as the loss graph {@code g} would give, "emb" included.
     */
    private OutAndGrad hostLossAndGradients(HostLoss host, Graph g, INDArray emb, int[] labels, int classesK,
                                            int perClassN) {
        int rows = (int) emb.size(0);
        int dims = (int) emb.size(1);
        INDArray headW = params.get("headW");
        INDArray headBias = params.get("headBias");
        double[] x = new double[rows * dims];
        double[] w = new double[(int) headW.length()];
        double[] bias = new double[(int) headBias.length()];
        hostCopy.read(emb, x, x.length);
        hostCopy.read(headW, w, w.length);
        hostCopy.read(headBias, bias, bias.length);
        emb.close();
        Map<String, Double> scalars = new HashMap<>();
        for (String name : g.trainable()) {
            INDArray scalar = lossParams.get(name);
            if (scalar != null) {
                scalars.put(name, scalar.getDouble(0));
            }
        }
        HostLoss.Result result = host.evaluate(x, rows, dims, w, bias, labels, classesK, perClassN, scalars);
        Map<String, INDArray> outputs = new LinkedHashMap<>();
        double[] values = {result.total(), result.ce(), result.metric()};
        for (int i = 0; i < values.length; i++) {
            if (g.outputs().get(i) != null) {
                outputs.put(g.outputs().get(i), Nd4j.scalar(dataType, values[i]));
            }
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put("headW", hostArray(result.dHeadW(), headW.shape()));
        grads.put("headBias", hostArray(result.dHeadBias(), headBias.shape()));
        for (String name : scalars.keySet()) {
            Double d = result.dScalars().get(name);
            if (d == null) {
                throw new IllegalStateException("host loss gave no gradient for its scalar " + name);
            }
            grads.put(name, lossParams.get(name).ulike().assign(d));
        }
        grads.put("emb", hostArray(result.dEmbeddings(), rows, dims));
        return new OutAndGrad(outputs, grads);
    }

    /** A new array of the model's data type holding {@code values} in c order. */
    private INDArray hostArray(double[] values, long... shape) {
        INDArray a = Nd4j.createUninitialized(dataType, shape);
        hostCopy.write(values, a, values.length);
        return a;
    }

    /**
     * GRU (if any) and transformer forward outside SameDiff on the features in {@code ph} (which
     * loses "x"); keeps what the backward passes need until {@link #releaseDirect}.
     *
     * @return [B, E] embeddings, the caller's
     */
    private INDArray directForward(Map<String, INDArray> ph, Random rng) {
        releaseDirect();
        INDArray x = ph.remove("x");
        INDArray mask = ph.get("mask");
        long rows = x.size(0) * x.size(1);
        if (net.hasGru()) {
            gruInput = x;
            phase(StepPhase.INPUT);
            INDArray states = gruBptt.forward(x, params.get("gru_Wx"), params.get("gru_bx"), params.get("gru_Wh"),
                    params.get("gru_bh"));
            transformerInput = states;
            phase(StepPhase.GRU_FORWARD);
        } else {
            transformerInput = x;
        }
        // a reshape of a c-ordered array is a view: the array above is the one to close later
        INDArray rowsView = transformerInput.reshape('c', rows, transformerInput.size(2));
        return transformerBackprop.forward(rowsView, mask, params, rng);
    }

    /** Frees what the direct path kept for its backward passes. */
    private void releaseDirect() {
        if (transformerBackprop != null) {
            transformerBackprop.release();
        }
        closeIfOwned(transformerInput);
        transformerInput = null;
        releaseGru();
    }

    /**
     * Copies the embeddings into the loss graph's variable "emb" (and closes them).
     *
     * @return the loss graph's only placeholder, the labels from {@code ph}
     */
    private static Map<String, INDArray> feedLossGraph(Graph g, INDArray emb, Map<String, INDArray> ph) {
        g.sd().getArrForVarName("emb").assign(emb);
        emb.close();
        return Map.of("oneHot", ph.get("oneHot"));
    }

    private static List<String> outputNames(Graph g) {
        List<String> outs = new ArrayList<>();
        for (String o : g.outputs()) {
            if (o != null) {
                outs.add(o);
            }
        }
        return outs;
    }

    /**
     * When the GRU runs outside the train graph (decision 0130): runs it on the features in
     * {@code ph} and copies its output into the graph's variable "x" (SameDiff M2.1 gives no
     * gradients for placeholders, but does for variables; the variable keeps one array for the
     * graph's life). {@link #gruBptt} keeps the activations for the backward pass.
     *
     * @return whether the GRU ran outside the graph
     */
    private boolean runGruOutsideGraph(Map<String, INDArray> ph, Graph g) {
        if (!net.hasGru() || trainPath == TrainPath.UNROLLED_GRU) {
            return false;
        }
        releaseGru();
        gruInput = ph.remove("x");
        INDArray out = gruBptt.forward(gruInput, params.get("gru_Wx"), params.get("gru_bx"), params.get("gru_Wh"),
                params.get("gru_bh"));
        g.sd().getArrForVarName("x").assign(out);
        out.close();
        return true;
    }

    /** Frees the GRU input that {@link GruBptt} kept by reference for its backward pass. */
    private void releaseGru() {
        gruBptt.release();
        closeIfOwned(gruInput);
        gruInput = null;
    }

    /** Embeddings computed by the train graph (no dropout): what evaluation must reproduce. */
    float[][] embedWithTrainGraph(List<FeatureMatrix> episode, int[] labels, int classesK, int perClassN) {
        validateEpisode(episode, labels, classesK, perClassN);
        Graph g = stepGraph(episode, classesK, perClassN);
        Map<String, INDArray> ph = trainPlaceholders(episode, labels, classesK, perClassN, g, false);
        INDArray out;
        if (trainPath == TrainPath.DIRECT) {
            out = directForward(ph, null);
            releaseDirect();
        } else {
            runGruOutsideGraph(ph, g);
            releaseGru();
            out = g.sd().output(ph, "embedding").get("embedding");
        }
        release(ph);
        float[][] rows = new float[episode.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = out.getRow(i).castTo(DataType.FLOAT).dup().data().asFloat();
        }
        return rows;
    }

    private void validateEpisode(List<FeatureMatrix> episode, int[] labels, int classesK, int perClassN) {
        ensureOpen();
        if (loss == null) {
            throw new IllegalStateException("this model was created or loaded without a training loss");
        }
        if (episode.size() != labels.length || episode.size() != classesK * perClassN) {
            throw new IllegalArgumentException("episode of " + episode.size() + " utterances and " + labels.length
                    + " labels does not match K=" + classesK + " x N=" + perClassN);
        }
        checkInputs(episode);
    }

    private Map<String, INDArray> trainPlaceholders(List<FeatureMatrix> episode, int[] labels, int classesK,
                                                    int perClassN, Graph g, boolean dropout) {
        // the direct path needs no bucket: its arrays follow the episode's longest pooled length
        int frames = g.frames() > 0 ? g.frames() : Math.max(1, spec.pooledFrames(maxFrames(episode)));
        Map<String, INDArray> ph = batch(episode, frames);
        INDArray oneHot = Nd4j.zeros(dataType, labels.length, classNames.size());
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " outside 0.." + (classNames.size() - 1));
            }
            oneHot.putScalar(i, labels[i], 1.0);
        }
        ph.put("oneHot", oneHot);
        if (dropout) {
            g.dropout().fill(ph, episode.size(), dropoutRng, dataType);
        } else {
            g.dropout().fillOnes(ph, episode.size(), dataType);
        }
        return ph;
    }

    private static void capArrayCaches(SameDiff sd) {
        List<SameDiff> graphs = new ArrayList<>();
        graphs.add(sd);
        SameDiff grad = sd.getFunction("grad");
        if (grad != null) {
            graphs.add(grad);
        }
        for (SameDiff s : graphs) {
            for (InferenceSession session : s.getSessions().values()) {
                if (session.getMmgr() instanceof ArrayCacheMemoryMgr cache && cache.getMaxCacheBytes() > ARRAY_CACHE_BYTES) {
                    cache.setMaxCacheBytes(ARRAY_CACHE_BYTES);
                }
            }
        }
    }

    private INDArray trainableArray(String name) {
        INDArray a = params.all().get(name);
        return a != null ? a : lossParams.get(name);
    }

    private Graph evalGraph(int frames) {
        return evalGraphs.computeIfAbsent(new GraphKey(frames, 0, 0), k -> build(frames, false, 0, 0));
    }

    /** The graph a training step runs: the loss graph on the direct path, else the bucket's train graph. */
    private Graph stepGraph(List<FeatureMatrix> episode, int classesK, int perClassN) {
        if (trainPath == TrainPath.DIRECT) {
            return trainGraphs.computeIfAbsent(new GraphKey(0, classesK, perClassN),
                    k -> build(0, true, classesK, perClassN));
        }
        return trainGraph(spec.bucketOf(maxFrames(episode)), classesK, perClassN);
    }

    private Graph trainGraph(int frames, int classesK, int perClassN) {
        return trainGraphs.computeIfAbsent(new GraphKey(frames, classesK, perClassN),
                k -> build(frames, true, classesK, perClassN));
    }

    private Graph build(int frames, boolean training, int classesK, int perClassN) {
        SameDiff sd = SameDiff.create();
        if (frames == 0) {
            return buildLossGraph(sd, classesK, perClassN);
        }
        boolean gruInGraph = training && trainPath == TrainPath.UNROLLED_GRU;
        SDVariable x = training && net.hasGru() && !gruInGraph
                // a variable, not a placeholder: its gradient feeds GruBptt's backward pass
                ? sd.var("x", Nd4j.zeros(dataType, (long) classesK * perClassN, frames, spec.gruHidden()))
                : sd.placeHolder("x", dataType, -1, frames, net.graphInputWidth(gruInGraph));
        SDVariable mask = sd.placeHolder("mask", dataType, -1, frames);
        Map<String, SDVariable> v = new HashMap<>();
        for (Map.Entry<String, INDArray> e : params.all().entrySet()) {
            if (net.hasGru() && !gruInGraph && e.getKey().startsWith("gru_")) {
                continue; // the GRU runs outside this graph
            }
            v.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        }
        Dropout dropout = new Dropout(training ? sd : null, spec.dropout());
        SDVariable emb = net.embed(sd, v, x, mask, frames, dropout, gruInGraph).rename("embedding");
        SDVariable logits = emb.mmul(v.get("headW")).add(v.get("headBias")).rename("logits");
        if (!training) {
            return new Graph(sd, frames, dropout, List.of("embedding", "logits"), List.of());
        }
        return withLoss(sd, emb, v, frames, dropout, classesK, perClassN, "x");
    }

    /**
     * The graph of the direct path (decision 0133): embeddings in (a variable "emb", so SameDiff
     * gives its gradient), the linear head and the loss.
     */
    private Graph buildLossGraph(SameDiff sd, int classesK, int perClassN) {
        SDVariable emb = sd.var("emb", Nd4j.zeros(dataType, (long) classesK * perClassN, embeddingDims()));
        Map<String, SDVariable> v = new HashMap<>();
        v.put("headW", sd.var("headW", params.get("headW")));
        v.put("headBias", sd.var("headBias", params.get("headBias")));
        return withLoss(sd, emb, v, 0, new Dropout(null, 0), classesK, perClassN, "emb");
    }

    /** Adds the loss on {@code emb}; every variable but {@code input} is trained. */
    private Graph withLoss(SameDiff sd, SDVariable emb, Map<String, SDVariable> v, int frames, Dropout dropout,
                           int classesK, int perClassN, String input) {
        SDVariable oneHot = sd.placeHolder("oneHot", dataType, -1, classNames.size());
        LossParts parts = loss.build(sd, emb, v.get("headW"), v.get("headBias"), oneHot, classesK, perClassN);
        sd.setLossVariables(parts.total());
        List<String> trainable = new ArrayList<>();
        for (SDVariable var : sd.variables()) {
            if (var.getVariableType() != VariableType.VARIABLE || var.name().equals(input)) {
                continue;
            }
            String name = var.name();
            trainable.add(name);
            if (!params.all().containsKey(name)) {
                // A scalar of the loss (w, b, margin): every train graph must train the same array.
                INDArray shared = lossParams.get(name);
                if (shared == null) {
                    lossParams.put(name, sd.getArrForVarName(name));
                } else {
                    sd.associateArrayWithVariable(shared, name);
                }
            }
        }
        List<String> outputs = new ArrayList<>();
        outputs.add(parts.total().name());
        outputs.add(parts.ce() == null ? null : parts.ce().name());
        outputs.add(parts.metric() == null ? null : parts.metric().name());
        return new Graph(sd, frames, dropout, outputs, List.copyOf(trainable));
    }

    private static int maxFrames(List<FeatureMatrix> items) {
        int max = 0;
        for (FeatureMatrix f : items) {
            max = Math.max(max, f.frames());
        }
        return max;
    }

    /** Pools each input (Sec. 3.3.1, two-step temporal pooling) and pads it to {@code frames}: x [B, T, D], mask [B, T]. */
    private Map<String, INDArray> batch(List<FeatureMatrix> items, int frames) {
        int b = items.size();
        float[] x = new float[b * frames * inputDims];
        float[] mask = new float[b * frames];
        for (int i = 0; i < b; i++) {
            int len = TemporalPooling.poolInto(items.get(i), spec.poolSteps(), x, i * frames * inputDims);
            for (int t = 0; t < len; t++) {
                mask[i * frames + t] = 1f;
            }
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", toArray(x, b, frames, inputDims));
        ph.put("mask", toArray(mask, b, frames));
        return ph;
    }

    private INDArray toArray(float[] data, long... shape) {
        // one memcpy: Nd4j.create(float[], ...) copied element by element (a tenth of the input phase)
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape);
        HostCopy.writeRange(data, a, 0, data.length);
        if (a.dataType() == dataType) {
            return a;
        }
        INDArray cast = a.castTo(dataType);
        a.close();
        return cast;
    }

    private static void closeIfOwned(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    private void releaseUnborrowed(Map<String, INDArray> arrays) {
        for (INDArray a : arrays.values()) {
            if (a != null && a.closeable() && !borrowedGradients.contains(a)) {
                a.close();
            }
        }
        borrowedGradients.clear();
    }

    private static void release(Map<String, INDArray> arrays) {
        for (INDArray a : arrays.values()) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    private void checkInputs(List<FeatureMatrix> inputs) {
        for (FeatureMatrix f : inputs) {
            if (f.dims() != inputDims) {
                throw new InputException(sourceFile, "the model expects " + inputDims + "-dimensional features but "
                        + f.utteranceId() + " has " + f.dims() + " dimensions (were the features made with the model's"
                        + " feature settings?)");
            }
            if (f.frames() == 0) {
                throw new InputException(sourceFile, "utterance " + f.utteranceId() + " has no frames to encode");
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
    }

    public int embeddingDims() {
        return net.embeddingDims();
    }

    public int inputDims() {
        return inputDims;
    }

    public List<String> classNames() {
        return classNames;
    }

    public EncoderSpec spec() {
        return spec;
    }

    /** The loss spec recorded with the model, or null when none was given. */
    public LossSpec lossSpec() {
        return lossSpec;
    }

    /** Training steps applied so far (Adamax's t); survives save and load. */
    public long steps() {
        return steps;
    }

    /** The file the model was loaded from, or null. */
    public Path sourceFile() {
        return sourceFile;
    }

    /** Throws a clear {@link InputException} when features of {@code featureDims} cannot be encoded by this model. */
    public void checkInputDims(int featureDims) {
        if (featureDims != inputDims) {
            throw new InputException(sourceFile, "the model expects " + inputDims + "-dimensional features but the "
                    + "features have " + featureDims + " dimensions");
        }
    }

    /** Saves spec, loss spec, classes, parameters and optimizer state to one file, atomically. */
    public void save(Path file, ModelProvenance provenance) {
        ensureOpen();
        ModelFile.write(file, this, provenance == null ? ModelProvenance.none() : provenance);
    }

    /**
     * Reads a model saved by {@link #save}.
     *
     * @param file        the model file
     * @param lossOrNull  the loss to train with further (its trainable scalars are restored by name); null to only embed
     * @throws InputException when the file is missing, damaged, not an e2v model, or from a newer e2v
     */
    public static LoadedModel load(Path file, TrainingLoss lossOrNull) {
        return ModelFile.read(file, lossOrNull);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseDirect();
        if (transformerBackprop != null) {
            transformerBackprop.close();
        }
        if (leanEncoder != null) {
            leanEncoder.close();
        }
        gruBptt.close();
        trainGraphs.clear();
        evalGraphs.clear();
        rows.close();
        closeAll(adamaxM.values());
        closeAll(adamaxU.values());
        closeAll(lossParams.values());
        closeAll(params.all().values());
    }

    private static void closeAll(Iterable<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    // --- state access for ModelFile and tests -------------------------------------------------

    long seed() {
        return seed;
    }

    DataType dataType() {
        return dataType;
    }

    TrainingLoss loss() {
        return loss;
    }

    Params params() {
        return params;
    }

    Map<String, INDArray> lossParams() {
        return lossParams;
    }

    Map<String, INDArray> adamaxM() {
        return adamaxM;
    }

    Map<String, INDArray> adamaxU() {
        return adamaxU;
    }

    void restoreSteps(long value, Path from) {
        this.steps = value;
        this.sourceFile = from;
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_CACHED_GRAPHS;
            }
        };
    }
}
