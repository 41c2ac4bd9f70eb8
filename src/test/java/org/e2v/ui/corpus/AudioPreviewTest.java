package org.e2v.ui.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.e2v.domain.AudioClip;
import org.junit.jupiter.api.Test;

class AudioPreviewTest {
    private static AudioClip sine(double hz, double amplitude, int samples) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        return new AudioClip(x, 16000);
    }

    @Test
    void envelopeHoldsMinAndMaxOfEachColumn() {
        // 8 samples into 4 columns of 2 samples each
        AudioClip clip = new AudioClip(new float[] {0.1f, -0.2f, 0.5f, 0.4f, -0.9f, -0.3f, 0f, 0f}, 16000);
        AudioPreview p = AudioPreview.compute(clip, 4, 10);
        assertThat(p.envelopeMin()).containsExactly(-0.2f, 0.4f, -0.9f, 0f);
        assertThat(p.envelopeMax()).containsExactly(0.1f, 0.5f, -0.3f, 0f);
    }

    @Test
    void envelopeOfASineSpansPlusMinusItsAmplitude() {
        AudioPreview p = AudioPreview.compute(sine(440, 0.5, 16000), 100, 50);
        assertThat(p.envelopeMin()).hasSize(100);
        for (int c = 0; c < 100; c++) {
            // 160 samples per column cover more than a period (36 samples) of 440 Hz
            assertThat(p.envelopeMax()[c]).isCloseTo(0.5f, within(0.01f));
            assertThat(p.envelopeMin()[c]).isCloseTo(-0.5f, within(0.01f));
        }
        assertThat(p.durationSeconds()).isEqualTo(1.0);
    }

    @Test
    void fewerSamplesThanColumnsGiveOneColumnPerSample() {
        AudioPreview p = AudioPreview.compute(new AudioClip(new float[] {0.25f, -0.5f, 1f}, 16000), 800, 10);
        assertThat(p.envelopeMax()).containsExactly(0.25f, -0.5f, 1f);
    }

    @Test
    void sinePeaksInItsFrequencyBin() {
        // 1 kHz at 16 kHz with a 512-point window: bin 1000 / 31.25 = 32
        AudioPreview p = AudioPreview.compute(sine(1000, 0.8, 16000), 200, 100);
        assertThat(p.bins()).isEqualTo(257);
        assertThat(p.binFrequencyHz(32)).isEqualTo(1000.0);
        for (int f = 0; f < p.frames(); f++) {
            int best = 0;
            for (int b = 1; b < p.bins(); b++) {
                if (p.value(f, b) > p.value(f, best)) {
                    best = b;
                }
            }
            assertThat(best).isEqualTo(32);
            assertThat(p.value(f, best)).isCloseTo(1f, within(0.01f));
            // far from the tone the Hann window's leakage is more than 60 dB down
            assertThat(p.value(f, 128)).isLessThan(0.25f);
        }
    }

    @Test
    void frameCountFollowsLengthAndCap() {
        // 1 s: hop = 128 (a quarter window), frames = 1 + ceil((16000 - 512) / 128) = 122 < 400
        assertThat(AudioPreview.compute(sine(300, 0.5, 16000), 10, 400).frames()).isEqualTo(122);
        // 60 s would need 7497 quarter-window frames: the hop grows so that at most 400 remain
        AudioPreview longOne = AudioPreview.compute(sine(300, 0.5, 960_000), 10, 400);
        assertThat(longOne.frames()).isLessThanOrEqualTo(400).isGreaterThan(390);
        // shorter than a window: one zero-padded frame
        assertThat(AudioPreview.compute(sine(300, 0.5, 100), 10, 400).frames()).isEqualTo(1);
    }

    @Test
    void fftMatchesDirectDft() {
        int n = 16;
        double[] re = new double[n];
        double[] im = new double[n];
        double[] x = new double[n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            re[i] = x[i];
        }
        Fft.transform(re, im);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                sr += x[t] * Math.cos(-2 * Math.PI * k * t / n);
                si += x[t] * Math.sin(-2 * Math.PI * k * t / n);
            }
            assertThat(re[k]).isCloseTo(sr, within(1e-9));
            assertThat(im[k]).isCloseTo(si, within(1e-9));
        }
    }
}
