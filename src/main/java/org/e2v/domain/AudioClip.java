package org.e2v.domain;

/**
 * Decoded mono audio.
 *
 * @param samples      mono samples in [-1, 1]
 * @param sampleRateHz sample rate (16000 after loading through e2v's audio package)
 */
public record AudioClip(float[] samples, int sampleRateHz) {
    public AudioClip {
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRateHz);
        }
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRateHz;
    }
}
