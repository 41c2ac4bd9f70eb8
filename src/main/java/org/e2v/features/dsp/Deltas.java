package org.e2v.features.dsp;

/**
 * Delta regression coefficients (HTK/openSMILE):
 * {@code d_t = sum_{n=1..W} n (c_{t+n} - c_{t-n}) / (2 sum_{n=1..W} n^2)}, with the first and last
 * frames repeated beyond the edges. For a linear ramp {@code c_t = a t + b} every frame at least
 * W frames from an edge gets exactly {@code a}.
 */
public final class Deltas {
    private Deltas() {
    }

    /**
     * Computes deltas of columns {@code [srcCol, srcCol + cols)} of a row-major matrix
     * ({@code frames x stride}) into columns {@code [dstCol, dstCol + cols)} of the same matrix.
     */
    public static void compute(float[] data, int frames, int stride, int srcCol, int cols, int dstCol, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("delta window must be at least 1, got " + window);
        }
        double denominator = 0;
        for (int n = 1; n <= window; n++) {
            denominator += n * n;
        }
        denominator *= 2;
        for (int t = 0; t < frames; t++) {
            int row = t * stride;
            for (int c = 0; c < cols; c++) {
                double acc = 0;
                for (int n = 1; n <= window; n++) {
                    int ahead = Math.min(frames - 1, t + n);
                    int behind = Math.max(0, t - n);
                    acc += n * (data[ahead * stride + srcCol + c] - data[behind * stride + srcCol + c]);
                }
                data[row + dstCol + c] = (float) (acc / denominator);
            }
        }
    }
}
