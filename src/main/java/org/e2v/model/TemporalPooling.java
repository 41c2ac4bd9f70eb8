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
        float[] out = new float[pooledFrames(f.frames(), steps) * f.dims()];
        poolInto(f, steps, out, 0);
        return out;
    }

    /** Frames left after {@code steps} poolings of {@code frames}: ceil(frames / 2^steps). */
    static int pooledFrames(int frames, int steps) {
        int n = frames;
        for (int s = 0; s < steps; s++) {
            n = (n + 1) / 2;
        }
        return n;
    }

    /**
     * Writes the pooled frames of {@code f} row-major into {@code dst[at..]} and returns their
     * number. Each output row is the pooling tree of one aligned block of 2^steps input frames, so
     * it is computed block by block without the intermediate arrays of step-by-step pooling: pairs
     * within the block averaged level by level, an odd last row passed up on its own, exactly the
     * arithmetic (and rounding) of pooling the whole sequence {@code steps} times.
     */
    static int poolInto(FeatureMatrix f, int steps, float[] dst, int at) {
        float[] data = f.data();
        int frames = f.frames();
        int dims = f.dims();
        int block = 1 << steps;
        int out = pooledFrames(frames, steps);
        float[] level = steps > 1 ? new float[(block / 2) * dims] : null;
        for (int t = 0; t < out; t++) {
            int first = t * block;
            int rows = Math.min(block, frames - first);
            int o = at + t * dims;
            if (steps == 0) {
                System.arraycopy(data, first * dims, dst, o, dims);
                continue;
            }
            // first level straight from the input; into dst when it is also the last level
            float[] target = steps == 1 ? dst : level;
            int base = steps == 1 ? o : 0;
            int next = (rows + 1) / 2;
            for (int r = 0; r < next; r++) {
                pairOrCopy(data, (first + 2 * r) * dims, 2 * r + 1 < rows, target, base + r * dims, dims);
            }
            rows = next;
            for (int s = 1; s < steps; s++) {
                next = (rows + 1) / 2;
                boolean last = s == steps - 1;
                for (int r = 0; r < next; r++) {
                    pairOrCopy(level, 2 * r * dims, 2 * r + 1 < rows, last ? dst : level, last ? o : r * dims, dims);
                }
                rows = next;
            }
        }
        return out;
    }

    /** {@code to[o..o+dims)} = the mean of rows {@code a} and {@code a + dims} of {@code from}, or row {@code a} alone. */
    private static void pairOrCopy(float[] from, int a, boolean pair, float[] to, int o, int dims) {
        if (pair) {
            int b = a + dims;
            for (int d = 0; d < dims; d++) {
                to[o + d] = (from[a + d] + from[b + d]) * 0.5f;
            }
        } else {
            System.arraycopy(from, a, to, o, dims);
        }
    }
}
