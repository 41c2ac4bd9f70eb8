package org.e2v.train;

import org.e2v.domain.FeatureMatrix;

/** Cropping of frame sequences to a maximum length. */
public final class Frames {
    private Frames() {
    }

    /** Frames [offset, offset + maxFrames) of {@code m}; the matrix itself when it is short enough or maxFrames is 0. */
    public static FeatureMatrix crop(FeatureMatrix m, int maxFrames, int offset) {
        if (maxFrames <= 0 || m.frames() <= maxFrames) {
            return m;
        }
        if (offset < 0 || offset + maxFrames > m.frames()) {
            throw new IllegalArgumentException("crop offset " + offset + " outside 0.." + (m.frames() - maxFrames));
        }
        float[] data = new float[maxFrames * m.dims()];
        System.arraycopy(m.data(), offset * m.dims(), data, 0, data.length);
        return new FeatureMatrix(m.utteranceId(), maxFrames, m.dims(), data);
    }

    /** The centred crop used for evaluation, so an utterance always gets the same embedding. */
    public static FeatureMatrix centreCrop(FeatureMatrix m, int maxFrames) {
        if (maxFrames <= 0 || m.frames() <= maxFrames) {
            return m;
        }
        return crop(m, maxFrames, (m.frames() - maxFrames) / 2);
    }
}
