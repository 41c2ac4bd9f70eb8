package org.e2v.domain;

/**
 * A frame sequence of one utterance: {@code frames} x {@code dims} values, row-major in
 * {@code data} (frame t, dimension d at {@code data[t * dims + d]}).
 *
 * @param utteranceId the utterance the features belong to
 * @param frames      number of frames T
 * @param dims        feature dimension D
 * @param data        row-major values, length T * D
 */
public record FeatureMatrix(String utteranceId, int frames, int dims, float[] data) {
    public FeatureMatrix {
        if (frames < 0 || dims <= 0) {
            throw new IllegalArgumentException("feature matrix of " + utteranceId + " has invalid shape " + frames + "x" + dims);
        }
        if (data.length != (long) frames * dims) {
            throw new IllegalArgumentException("feature matrix of " + utteranceId + ": " + data.length
                    + " values do not fill " + frames + "x" + dims);
        }
    }

    public float get(int frame, int dim) {
        return data[frame * dims + dim];
    }

    /** A copy of one frame. */
    public float[] frame(int frame) {
        float[] row = new float[dims];
        System.arraycopy(data, frame * dims, row, 0, dims);
        return row;
    }
}
