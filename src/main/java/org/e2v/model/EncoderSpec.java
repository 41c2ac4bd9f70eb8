package org.e2v.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Architecture of an emotion prototype encoder (Sec. 3.3.1 and the alternatives of Table 5).
 * Every field has a one-line description ({@code *_DESCRIPTION}, also collected in
 * {@link #descriptions()}) for CLI help and GUI tooltips. Fields a type does not use are ignored
 * by it (for example {@code lstmHidden} by {@code gru-transformer}).
 *
 * @param type            one of {@link #TYPES}
 * @param poolSteps       average-pooling-by-2 steps over time before the encoder (paper: 2)
 * @param gruHidden       width of the single-layer GRU of gru-transformer (paper: 256)
 * @param modelDim        transformer model dimension (paper grid 64/128/256/512); for the NetVLAD
 *                        encoders the width of the projection after NetVLAD; the embedding size
 * @param layers          transformer encoder layers (paper grid 1-2)
 * @param heads           attention heads (paper grid 1/2/4); must divide modelDim
 * @param ffDim           width of the transformer feed-forward block (PyTorch default 2048)
 * @param dropout         dropout probability in the transformer layers during training (0.1)
 * @param lstmHidden      hidden units per direction of the BLSTM encoders
 * @param netvladClusters NetVLAD clusters K of blstm-netvlad and cnn-netvlad
 * @param cnnChannels     channels of each convolution of cnn-netvlad
 * @param cnnLayers       convolution layers of cnn-netvlad
 * @param cnnKernel       temporal kernel width of the convolutions (odd)
 * @param bucketFrames    pooled lengths are rounded up to a multiple of this; one graph per bucket
 */
public record EncoderSpec(String type, int poolSteps, int gruHidden, int modelDim, int layers, int heads, int ffDim,
                          double dropout, int lstmHidden, int netvladClusters, int cnnChannels, int cnnLayers,
                          int cnnKernel, int bucketFrames) {
    /** The paper's GRU-transformer. */
    public static final String GRU_TRANSFORMER = "gru-transformer";
    /** Table 5 "Transformer": the same without the GRU. */
    public static final String TRANSFORMER = "transformer";
    /** Table 5 "BLSTM": bidirectional LSTM, masked mean pooling. */
    public static final String BLSTM = "blstm";
    /** Table 5 "BLSTM+NetVLAD". */
    public static final String BLSTM_NETVLAD = "blstm-netvlad";
    /** Table 5 "CNN+NetVLAD": temporal convolutions over spectrogram-like frames. */
    public static final String CNN_NETVLAD = "cnn-netvlad";
    /** All encoder types. */
    public static final List<String> TYPES = List.of(GRU_TRANSFORMER, TRANSFORMER, BLSTM, BLSTM_NETVLAD, CNN_NETVLAD);

    public static final String TYPE_DESCRIPTION = "Encoder architecture: gru-transformer, transformer, blstm, blstm-netvlad or cnn-netvlad (Table 5).";
    public static final String POOL_STEPS_DESCRIPTION = "How many times the input frames are average-pooled by 2 over time before the encoder (paper: 2).";
    public static final String GRU_HIDDEN_DESCRIPTION = "Hidden units of the single-layer GRU before the transformer (paper: 256).";
    public static final String MODEL_DIM_DESCRIPTION = "Transformer model dimension = embedding size (paper: 512 IEMOCAP, 128 MELD); projection size after NetVLAD.";
    public static final String LAYERS_DESCRIPTION = "Number of transformer encoder layers (paper grid: 1 or 2).";
    public static final String HEADS_DESCRIPTION = "Number of self-attention heads; must divide the model dimension (paper grid: 1, 2, 4).";
    public static final String FF_DIM_DESCRIPTION = "Width of the feed-forward block inside each transformer layer (default 2048).";
    public static final String DROPOUT_DESCRIPTION = "Dropout probability inside the transformer layers while training (default 0.1).";
    public static final String LSTM_HIDDEN_DESCRIPTION = "Hidden units per direction of the BLSTM encoders.";
    public static final String NETVLAD_CLUSTERS_DESCRIPTION = "Number of NetVLAD clusters (blstm-netvlad, cnn-netvlad).";
    public static final String CNN_CHANNELS_DESCRIPTION = "Channels of each temporal convolution of cnn-netvlad.";
    public static final String CNN_LAYERS_DESCRIPTION = "Number of temporal convolution layers of cnn-netvlad.";
    public static final String CNN_KERNEL_DESCRIPTION = "Kernel width in frames of each convolution of cnn-netvlad (odd).";
    public static final String BUCKET_FRAMES_DESCRIPTION = "Pooled lengths are rounded up to a multiple of this many frames; each bucket gets its own unrolled graph.";

    public EncoderSpec {
        type = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown encoder type '" + type + "' (expected one of " + TYPES + ")");
        }
        requirePositive("modelDim", modelDim);
        requirePositive("bucketFrames", bucketFrames);
        if (poolSteps < 0 || poolSteps > 6) {
            throw new IllegalArgumentException("poolSteps must be in 0..6, got " + poolSteps);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        switch (type) {
            case GRU_TRANSFORMER, TRANSFORMER -> {
                if (type.equals(GRU_TRANSFORMER)) {
                    requirePositive("gruHidden", gruHidden);
                }
                requirePositive("layers", layers);
                requirePositive("heads", heads);
                requirePositive("ffDim", ffDim);
                if (modelDim % heads != 0) {
                    throw new IllegalArgumentException("heads (" + heads + ") must divide modelDim (" + modelDim + ")");
                }
            }
            case BLSTM, BLSTM_NETVLAD -> {
                requirePositive("lstmHidden", lstmHidden);
                if (type.equals(BLSTM_NETVLAD)) {
                    requirePositive("netvladClusters", netvladClusters);
                }
            }
            default -> {
                requirePositive("netvladClusters", netvladClusters);
                requirePositive("cnnChannels", cnnChannels);
                requirePositive("cnnLayers", cnnLayers);
                if (cnnKernel <= 0 || cnnKernel % 2 == 0) {
                    throw new IllegalArgumentException("cnnKernel must be odd and positive, got " + cnnKernel);
                }
            }
        }
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /** Defaults for {@code type}: the paper's MELD sizes for the transformer encoders, comparable sizes for the others. */
    public static EncoderSpec defaults(String type) {
        return new EncoderSpec(type, 2, 256, 128, 1, 2, 2048, 0.1, 256, 8, 128, 3, 3, 16);
    }

    /** Table 4 network for IEMOCAP: GRU 256, transformer 512, 1 layer, 2 heads. */
    public static EncoderSpec paperIemocap() {
        return defaults(GRU_TRANSFORMER).withModelDim(512);
    }

    /** Table 4 network for MELD: GRU 256, transformer 128, 1 layer, 2 heads. */
    public static EncoderSpec paperMeld() {
        return defaults(GRU_TRANSFORMER).withModelDim(128);
    }

    public EncoderSpec withModelDim(int dim) {
        return new EncoderSpec(type, poolSteps, gruHidden, dim, layers, heads, ffDim, dropout, lstmHidden,
                netvladClusters, cnnChannels, cnnLayers, cnnKernel, bucketFrames);
    }

    public EncoderSpec withDropout(double p) {
        return new EncoderSpec(type, poolSteps, gruHidden, modelDim, layers, heads, ffDim, p, lstmHidden,
                netvladClusters, cnnChannels, cnnLayers, cnnKernel, bucketFrames);
    }

    public EncoderSpec withBucketFrames(int frames) {
        return new EncoderSpec(type, poolSteps, gruHidden, modelDim, layers, heads, ffDim, dropout, lstmHidden,
                netvladClusters, cnnChannels, cnnLayers, cnnKernel, frames);
    }

    /** Field name to one-line description, in declaration order. */
    public static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("type", TYPE_DESCRIPTION);
        d.put("poolSteps", POOL_STEPS_DESCRIPTION);
        d.put("gruHidden", GRU_HIDDEN_DESCRIPTION);
        d.put("modelDim", MODEL_DIM_DESCRIPTION);
        d.put("layers", LAYERS_DESCRIPTION);
        d.put("heads", HEADS_DESCRIPTION);
        d.put("ffDim", FF_DIM_DESCRIPTION);
        d.put("dropout", DROPOUT_DESCRIPTION);
        d.put("lstmHidden", LSTM_HIDDEN_DESCRIPTION);
        d.put("netvladClusters", NETVLAD_CLUSTERS_DESCRIPTION);
        d.put("cnnChannels", CNN_CHANNELS_DESCRIPTION);
        d.put("cnnLayers", CNN_LAYERS_DESCRIPTION);
        d.put("cnnKernel", CNN_KERNEL_DESCRIPTION);
        d.put("bucketFrames", BUCKET_FRAMES_DESCRIPTION);
        return d;
    }

    /** Pooled length of an utterance of {@code frames} input frames: ceil(frames / 2) applied poolSteps times. */
    public int pooledFrames(int frames) {
        return TemporalPooling.pooledFrames(frames, poolSteps);
    }

    /** The bucket (graph length) an utterance of {@code frames} input frames falls into. */
    public int bucketOf(int frames) {
        int t = Math.max(1, pooledFrames(frames));
        return ((t + bucketFrames - 1) / bucketFrames) * bucketFrames;
    }
}
