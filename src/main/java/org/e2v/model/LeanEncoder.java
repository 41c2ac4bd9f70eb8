package org.e2v.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluation forward pass of one utterance through gru-transformer or transformer outside any
 * graph (decisions 0132, 0133), for enrollment and verification, which embed one utterance at a
 * time: the GRU as {@link DirectGru}'s Java loop, the transformer as {@link TransformerBackprop}'s
 * forward pass without dropout (the equations training uses), on the utterance's own pooled
 * length: a single utterance needs no padding. Padding never changes a valid frame's result, so
 * this equals the bucket graph up to float rounding (tested). Work arrays are kept between calls
 * (one model, one thread).
 */
final class LeanEncoder implements AutoCloseable {
    private final EncoderSpec spec;
    private final TransformerBackprop transformer;

    /** @param rows the model's helper thread (not closed here) */
    LeanEncoder(EncoderSpec spec, PairWorker rows) {
        this.spec = spec;
        this.transformer = new TransformerBackprop(spec, rows);
    }

    /**
     * @param seq [T, D] pooled frames of one utterance (not closed here)
     * @return [1, E] embedding (the caller owns it)
     */
    INDArray embed(Params p, INDArray seq) {
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
        transformer.close();
    }
}
