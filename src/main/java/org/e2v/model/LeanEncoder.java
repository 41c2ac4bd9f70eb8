package org.e2v.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Evaluation forward pass of one utterance through gru-transformer or transformer as direct ND4J
 * calls (decision 0132), for enrollment and verification, which embed one utterance at a time.
 * Same equations as {@link EncoderNet}'s graph in evaluation mode (no dropout): Eq. (1) attention
 * per head, post-norm layers as PyTorch's TransformerEncoderLayer, mean over frames. A single
 * utterance needs no padding, so it runs on its own pooled length without masks; padding never
 * changes a valid frame's result, so this equals the bucket graph up to float rounding (tested).
 * Nothing is built or cached; every intermediate array is closed before returning.
 */
final class LeanEncoder {
    private LeanEncoder() {
    }

    /** Whether {@link #embed} covers this encoder type. */
    static boolean supports(EncoderSpec spec) {
        return spec.type().equals(EncoderSpec.GRU_TRANSFORMER) || spec.type().equals(EncoderSpec.TRANSFORMER);
    }

    /**
     * @param seq [T, D] pooled frames of one utterance (not closed here)
     * @return [E] embedding (the caller owns it)
     */
    static INDArray embed(EncoderSpec spec, Params p, INDArray seq) {
        int frames = (int) seq.size(0);
        INDArray x2;
        if (spec.type().equals(EncoderSpec.GRU_TRANSFORMER)) {
            INDArray in3 = seq.reshape(1, frames, seq.size(1));
            INDArray states = DirectGru.forward(in3, p.get("gru_Wx"), p.get("gru_bx"), p.get("gru_Wh"), p.get("gru_bh"));
            x2 = states.reshape(frames, states.size(2)).dup('c');
            close(states);
        } else {
            x2 = seq.dup('c');
        }
        if (p.all().containsKey("proj_W")) {
            INDArray projected = x2.mmul(p.get("proj_W")).addiRowVector(p.get("proj_b"));
            close(x2);
            x2 = projected;
        }
        for (int l = 0; l < spec.layers(); l++) {
            INDArray next = layer(spec, p, "tf" + l + "_", x2);
            close(x2);
            x2 = next;
        }
        INDArray mean = x2.mean(0);
        close(x2);
        return mean;
    }

    /** One post-norm encoder layer, as {@code EncoderNet.encoderLayer} without dropout. */
    private static INDArray layer(EncoderSpec spec, Params p, String n, INDArray x2) {
        int m = spec.modelDim();
        int heads = spec.heads();
        int dh = m / heads;
        long frames = x2.size(0);
        DataType dt = x2.dataType();
        INDArray qkv = x2.mmul(p.get(n + "Wqkv")).addiRowVector(p.get(n + "bqkv"));
        INDArray ctx = Nd4j.create(dt, frames, m);
        for (int hd = 0; hd < heads; hd++) {
            // Eq. (1) per head: softmax(q k^T / sqrt(dh)) v
            INDArray q = qkv.get(all(), cols(hd * dh, dh)).mul(1 / Math.sqrt(dh));
            INDArray k = qkv.get(all(), cols(m + hd * dh, dh)).dup('c');
            INDArray v = qkv.get(all(), cols(2 * m + hd * dh, dh)).dup('c');
            INDArray scores = q.mmul(k.transpose());
            Transforms.softmax(scores, false);
            INDArray head = scores.mmul(v);
            ctx.get(all(), cols(hd * dh, dh)).assign(head);
            close(q);
            close(k);
            close(v);
            close(scores);
            close(head);
        }
        close(qkv);
        INDArray a = ctx.mmul(p.get(n + "Wo")).addiRowVector(p.get(n + "bo")).addi(x2);
        close(ctx);
        INDArray y = layerNorm(a, p.get(n + "ln1_g"), p.get(n + "ln1_b"));
        close(a);
        INDArray hidden = Transforms.relu(y.mmul(p.get(n + "W1")).addiRowVector(p.get(n + "b1")), false);
        INDArray f = hidden.mmul(p.get(n + "W2")).addiRowVector(p.get(n + "b2")).addi(y);
        close(hidden);
        close(y);
        INDArray out = layerNorm(f, p.get(n + "ln2_g"), p.get(n + "ln2_b"));
        close(f);
        return out;
    }

    /** The same native layer_norm op the graph uses (normalised over the feature axis). */
    private static INDArray layerNorm(INDArray x, INDArray gain, INDArray bias) {
        INDArray out = x.ulike();
        Nd4j.exec(new LayerNorm(x, gain, bias, out, false, 1));
        return out;
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }

    private static INDArrayIndex cols(long from, long count) {
        return NDArrayIndex.interval(from, from + count);
    }

    private static void close(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }
}
