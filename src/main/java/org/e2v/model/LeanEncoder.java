package org.e2v.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluation forward pass of one utterance through gru-transformer or transformer outside any
 * graph (decisions 0132, 0133, 0138), for enrollment and verification, which embed one utterance
 * at a time, on the utterance's own pooled length: a single utterance needs no padding. Float
 * models on the CPU build run {@link HostForward} (direct OpenBLAS products and Java passes, no
 * ND4J op); others (double models, the CUDA build) run {@link DirectGru} and
 * {@link TransformerBackprop}'s forward pass without dropout (the equations training uses).
 * Padding never changes a valid frame's result, so both equal the bucket graph up to float
 * rounding (tested). Work arrays are kept between calls (one model, one thread).
 */
final class LeanEncoder implements AutoCloseable {
    private final EncoderSpec spec;
    private final DataType dataType;
    /** Null where the model runs the ND4J pass. */
    private final HostForward host;
    private final PairWorker rows;
    private TransformerBackprop transformer;

    /**
     * @param rows     the model's helper thread (not closed here)
     * @param hostPass whether to run {@link HostForward} (needs {@link HostForward#supports} of the type)
     */
    LeanEncoder(EncoderSpec spec, DataType dataType, PairWorker rows, boolean hostPass) {
        if (hostPass && !HostForward.supports(dataType)) {
            throw new IllegalStateException("the host forward pass needs a float model and OpenBLAS (the CPU build)");
        }
        this.spec = spec;
        this.dataType = dataType;
        this.rows = rows;
        this.host = hostPass ? new HostForward(spec) : null;
    }

    /** As above, on the host pass wherever it can run. */
    LeanEncoder(EncoderSpec spec, DataType dataType, PairWorker rows) {
        this(spec, dataType, rows, HostForward.supports(dataType));
    }

    /**
     * @param pooled [frames, dims] pooled frames of one utterance, row-major
     * @param logits whether to return the head's class scores instead of the embedding
     */
    float[] forward(Params p, float[] pooled, int frames, int dims, boolean logits) {
        if (host != null) {
            float[] embedding = host.embed(p, pooled, frames, dims);
            return logits ? HostForward.logits(p, embedding) : embedding;
        }
        INDArray staged = Nd4j.create(pooled, new long[] {frames, dims}, 'c');
        INDArray seq = staged.castTo(dataType);
        INDArray result = embed(p, seq);
        if (logits) {
            INDArray scores = result.reshape(1, result.length()).mmul(p.get("headW")).addiRowVector(p.get("headBias"));
            result.close();
            result = scores;
        }
        INDArray asFloat = result.castTo(DataType.FLOAT);
        INDArray contiguous = asFloat.dup('c');
        float[] row = contiguous.data().asFloat();
        contiguous.close();
        if (asFloat != result) {
            asFloat.close();
        }
        result.close();
        if (seq != staged) {
            seq.close();
        }
        staged.close();
        return row;
    }

    /**
     * @param seq [T, D] pooled frames of one utterance (not closed here)
     * @return [1, E] embedding (the caller owns it)
     */
    private INDArray embed(Params p, INDArray seq) {
        if (transformer == null) {
            transformer = new TransformerBackprop(spec, rows);
        }
        int frames = (int) seq.size(0);
        INDArray states = null;
        INDArray x2 = seq;
        if (spec.type().equals(EncoderSpec.GRU_TRANSFORMER)) {
            states = DirectGru.forward(seq.reshape(1, frames, seq.size(1)), p.get("gru_Wx"), p.get("gru_bx"),
                    p.get("gru_Wh"), p.get("gru_bh"));
            x2 = states.reshape('c', frames, states.size(2));
        }
        INDArray mask = Nd4j.ones(seq.dataType(), 1, frames);
        INDArray emb = transformer.forward(x2, mask, p, null);
        transformer.release();
        mask.close();
        if (states != null) {
            states.close();
        }
        return emb;
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
        if (transformer != null) {
            transformer.close();
        }
    }
}
