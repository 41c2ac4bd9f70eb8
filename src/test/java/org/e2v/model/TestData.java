package org.e2v.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.e2v.domain.FeatureMatrix;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Synthetic sequences and small losses for the encoder tests. */
final class TestData {
    private TestData() {
    }

    /** Gaussian noise frames, mean {@code offset} in every dimension. */
    static FeatureMatrix noise(String id, int frames, int dims, double offset, Random rng) {
        float[] data = new float[frames * dims];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (offset + rng.nextGaussian());
        }
        return new FeatureMatrix(id, frames, dims, data);
    }

    /**
     * An episode of K classes x N utterances whose class k has per-dimension means
     * {@code centres[k]} (separable by mean), lengths between minFrames and maxFrames.
     */
    static List<FeatureMatrix> clusters(double[][] centres, int perClass, int minFrames, int maxFrames, Random rng) {
        List<FeatureMatrix> out = new ArrayList<>();
        int dims = centres[0].length;
        for (int k = 0; k < centres.length; k++) {
            for (int i = 0; i < perClass; i++) {
                int frames = minFrames + rng.nextInt(maxFrames - minFrames + 1);
                float[] data = new float[frames * dims];
                for (int t = 0; t < frames; t++) {
                    for (int d = 0; d < dims; d++) {
                        data[t * dims + d] = (float) (centres[k][d] + rng.nextGaussian());
                    }
                }
                out.add(new FeatureMatrix("c" + k + "_" + i, frames, dims, data));
            }
        }
        return out;
    }

    static int[] episodeLabels(int classes, int perClass) {
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        return labels;
    }

    /**
     * A fixed random linear probe of embeddings and logits: total = sum(E * R1) + sum(logits * R2).
     * Its gradient reaches every encoder and head parameter, which is what a gradient check needs.
     */
    static TrainingLoss probe(long seed) {
        return (sd, emb, headW, headBias, oneHot, classes, perClass) -> {
            long n = (long) classes * perClass;
            long e = headW.getShape()[0];
            long c = headW.getShape()[1];
            Nd4j.getRandom().setSeed(seed);
            SDVariable r1 = sd.constant("probe1", Nd4j.rand(DataType.DOUBLE, n, e).subi(0.5).castTo(emb.dataType()));
            SDVariable r2 = sd.constant("probe2", Nd4j.rand(DataType.DOUBLE, n, c).subi(0.5).castTo(emb.dataType()));
            SDVariable logits = emb.mmul(headW).add(headBias);
            SDVariable total = emb.mul(r1).sum().add(logits.mul(r2).sum()).rename("probeTotal");
            return new LossParts(total, null, null);
        };
    }

    /**
     * Episodic prototypical loss (squared Euclidean distance to class means, scaled by a
     * trainable {@code protoScale}) plus head cross-entropy: exercises loss-owned trainable scalars.
     */
    static TrainingLoss protoPlusCe() {
        return (sd, emb, headW, headBias, oneHot, classes, perClass) -> {
            long e = headW.getShape()[0];
            SDVariable scale = sd.var("protoScale", Nd4j.scalar(emb.dataType(), 1.0));
            SDVariable protos = emb.reshape(classes, perClass, e).mean(1);
            SDVariable dots = emb.mmul(protos.permute(1, 0));
            SDVariable sqE = emb.mul(emb).sum(true, 1);
            SDVariable sqP = protos.mul(protos).sum(1).reshape(1, classes);
            SDVariable dist = sqE.add(sqP).sub(dots.mul(2));
            SDVariable scores = dist.mul(scale).neg();
            float[] target = new float[classes * perClass * classes];
            for (int i = 0; i < classes * perClass; i++) {
                target[i * classes + i / perClass] = 1f;
            }
            SDVariable targets = sd.constant("protoTargets",
                    Nd4j.create(target, new long[] {(long) classes * perClass, classes}, 'c').castTo(emb.dataType()));
            SDVariable metric = sd.nn().logSoftmax(scores).mul(targets).sum(1).mean().neg().rename("metric");
            SDVariable ce = sd.nn().logSoftmax(emb.mmul(headW).add(headBias)).mul(oneHot).sum(1).mean().neg()
                    .rename("ce");
            return new LossParts(ce.add(metric).rename("total"), ce, metric);
        };
    }

    /** Tiny spec of each type for fast tests. */
    static EncoderSpec tiny(String type) {
        // type, poolSteps, gruHidden, modelDim, layers, heads, ffDim, dropout, lstmHidden, clusters, cnnChannels, cnnLayers, cnnKernel, bucketFrames
        return new EncoderSpec(type, 2, 4, 4, 1, 2, 6, 0.0, 3, 2, 3, 2, 3, 4);
    }
}
