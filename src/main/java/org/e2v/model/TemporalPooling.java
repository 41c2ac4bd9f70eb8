package org.e2v.model;

import org.e2v.domain.FeatureMatrix;

/**
 * The two-step temporal pooling of Sec. 3.3.1: average pooling by 2 over time, applied
 * {@code steps} times. An odd last frame is kept on its own (the pooling mask of a pair is "any
 * frame valid" and the average runs over valid frames only), so a padded and an unpadded
 * utterance pool identically. Done in Java on the constant inputs: it has no parameters, and
 * shrinking the graph's input four-fold makes every bucket graph smaller.
 */
final class TemporalPooling {
    private TemporalPooling() {
    }

    /** Row-major pooled frames: ceil(T / 2) rows after each step, {@code dims} columns. */
    static float[] pool(FeatureMatrix f, int steps) {
        float[] data = f.data();
        int frames = f.frames();
        int dims = f.dims();
        for (int s = 0; s < steps; s++) {
            int out = (frames + 1) / 2;
            float[] next = new float[out * dims];
            for (int t = 0; t < out; t++) {
                int a = 2 * t * dims;
                int o = t * dims;
                if (2 * t + 1 < frames) {
                    int b = a + dims;
                    for (int d = 0; d < dims; d++) {
                        next[o + d] = (data[a + d] + data[b + d]) * 0.5f;
                    }
                } else {
                    System.arraycopy(data, a, next, o, dims);
                }
            }
            data = next;
            frames = out;
        }
        return data;
    }
}
