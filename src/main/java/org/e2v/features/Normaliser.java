package org.e2v.features;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.e2v.domain.FeatureMatrix;

/**
 * Mean-variance normalisation of feature columns per utterance or per speaker. Statistics are
 * accumulated in double; a column whose standard deviation is below 1e-8 (constant) is only
 * centred. Returns new matrices; the inputs are left untouched.
 */
public final class Normaliser {
    private static final double MIN_STD = 1e-8;

    private Normaliser() {
    }

    /**
     * @param speakerOf speaker id of each utterance id (used only for {@link Normalisation#SPEAKER})
     */
    public static Map<String, FeatureMatrix> apply(Normalisation normalisation, Map<String, FeatureMatrix> features,
                                                   Function<String, String> speakerOf) {
        if (normalisation == Normalisation.NONE || features.isEmpty()) {
            return features;
        }
        Map<String, Stats> statsByGroup = new HashMap<>();
        for (var e : features.entrySet()) {
            String group = normalisation == Normalisation.UTTERANCE ? e.getKey() : speakerOf.apply(e.getKey());
            statsByGroup.computeIfAbsent(group, g -> new Stats(e.getValue().dims())).add(e.getValue());
        }
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        for (var e : features.entrySet()) {
            String group = normalisation == Normalisation.UTTERANCE ? e.getKey() : speakerOf.apply(e.getKey());
            out.put(e.getKey(), statsByGroup.get(group).normalise(e.getValue()));
        }
        return out;
    }

    private static final class Stats {
        private final double[] sum;
        private final double[] sumSquares;
        private long frames;
        private double[] mean;
        private double[] scale;

        Stats(int dims) {
            sum = new double[dims];
            sumSquares = new double[dims];
        }

        void add(FeatureMatrix m) {
            if (m.dims() != sum.length) {
                throw new IllegalArgumentException("utterance " + m.utteranceId() + " has " + m.dims()
                        + " dims where " + sum.length + " were expected");
            }
            float[] d = m.data();
            for (int t = 0; t < m.frames(); t++) {
                for (int c = 0; c < sum.length; c++) {
                    double v = d[t * sum.length + c];
                    sum[c] += v;
                    sumSquares[c] += v * v;
                }
            }
            frames += m.frames();
        }

        FeatureMatrix normalise(FeatureMatrix m) {
            if (mean == null) {
                mean = new double[sum.length];
                scale = new double[sum.length];
                for (int c = 0; c < sum.length; c++) {
                    mean[c] = frames == 0 ? 0 : sum[c] / frames;
                    double variance = frames == 0 ? 0 : Math.max(0, sumSquares[c] / frames - mean[c] * mean[c]);
                    double std = Math.sqrt(variance);
                    scale[c] = std < MIN_STD ? 1 : 1 / std;
                }
            }
            float[] src = m.data();
            float[] dst = new float[src.length];
            int dims = sum.length;
            for (int i = 0; i < src.length; i++) {
                int c = i % dims;
                dst[i] = (float) ((src[i] - mean[c]) * scale[c]);
            }
            return new FeatureMatrix(m.utteranceId(), m.frames(), dims, dst);
        }
    }
}
