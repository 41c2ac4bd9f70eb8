package org.e2v.ui.corpus;

import org.e2v.domain.AudioClip;

/**
 * What the Corpus screen draws for one utterance: a min/max envelope of the waveform (one pair
 * per pixel column) and a small magnitude spectrogram. Plain Java, computed off the FX thread.
 *
 * @param envelopeMin       per column, the lowest sample
 * @param envelopeMax       per column, the highest sample
 * @param spectrogram       frames x bins, row-major (frame-major), values in [0, 1]: dB magnitude
 *                          mapped from [peak - {@link #DYNAMIC_RANGE_DB}, peak]
 * @param frames            spectrogram frames (time axis)
 * @param bins              spectrogram bins (frequency axis, 0 Hz to Nyquist)
 * @param durationSeconds   length of the audio
 * @param sampleRateHz      its sample rate
 */
public record AudioPreview(float[] envelopeMin, float[] envelopeMax, float[] spectrogram, int frames, int bins,
                           double durationSeconds, int sampleRateHz) {
    /** STFT window: 512 samples = 32 ms at 16 kHz, a common speech analysis window. */
    public static final int WINDOW_SAMPLES = 512;
    /** Range of the spectrogram's colour scale. */
    public static final double DYNAMIC_RANGE_DB = 80.0;

    /** Frequency of the centre of bin {@code bin}. */
    public double binFrequencyHz(int bin) {
        return bin * (double) sampleRateHz / WINDOW_SAMPLES;
    }

    /** The spectrogram value of {@code frame} at {@code bin}. */
    public float value(int frame, int bin) {
        return spectrogram[frame * bins + bin];
    }

    /**
     * Computes the preview.
     *
     * @param clip            the audio
     * @param envelopeColumns envelope resolution (the canvas width in pixels is plenty)
     * @param maxFrames       at most this many spectrogram frames: the hop grows with the length
     *                        so long files cost no more than short ones
     */
    public static AudioPreview compute(AudioClip clip, int envelopeColumns, int maxFrames) {
        if (envelopeColumns < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("need at least one column and one frame");
        }
        float[] x = clip.samples();
        int n = x.length;
        int cols = Math.max(1, Math.min(envelopeColumns, n));
        float[] lo = new float[cols];
        float[] hi = new float[cols];
        for (int c = 0; c < cols; c++) {
            int from = (int) ((long) c * n / cols);
            int to = Math.max(from + 1, (int) ((long) (c + 1) * n / cols));
            float mn = Float.POSITIVE_INFINITY;
            float mx = Float.NEGATIVE_INFINITY;
            for (int i = from; i < Math.min(to, n); i++) {
                mn = Math.min(mn, x[i]);
                mx = Math.max(mx, x[i]);
            }
            lo[c] = n == 0 ? 0 : mn;
            hi[c] = n == 0 ? 0 : mx;
        }

        int w = WINDOW_SAMPLES;
        int bins = w / 2 + 1;
        // hop: a quarter window at least; longer for long files so that frames <= maxFrames
        int hop = Math.max(w / 4, n <= w || maxFrames == 1 ? w : (int) Math.ceil((n - w) / (double) (maxFrames - 1)));
        int frames = n <= w ? 1 : Math.min(maxFrames, 1 + (n - w + hop - 1) / hop);
        double[] window = new double[w];
        for (int i = 0; i < w; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / w); // periodic Hann
        }
        float[] db = new float[frames * bins];
        double[] re = new double[w];
        double[] im = new double[w];
        double peak = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            int start = f * hop;
            for (int i = 0; i < w; i++) {
                int j = start + i;
                re[i] = j < n ? x[j] * window[i] : 0;
                im[i] = 0;
            }
            Fft.transform(re, im);
            for (int b = 0; b < bins; b++) {
                double mag = Math.hypot(re[b], im[b]);
                double v = 20 * Math.log10(mag + 1e-9);
                db[f * bins + b] = (float) v;
                peak = Math.max(peak, v);
            }
        }
        double floor = peak - DYNAMIC_RANGE_DB;
        for (int i = 0; i < db.length; i++) {
            db[i] = (float) Math.max(0, Math.min(1, (db[i] - floor) / DYNAMIC_RANGE_DB));
        }
        return new AudioPreview(lo, hi, db, frames, bins, clip.durationSeconds(), clip.sampleRateHz());
    }
}
