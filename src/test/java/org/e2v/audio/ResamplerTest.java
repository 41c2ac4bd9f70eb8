package org.e2v.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static float[] sine(double hz, int rate, double seconds) {
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    private static double rms(float[] x, int skip) {
        double s = 0;
        for (int i = skip; i < x.length - skip; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (x.length - 2 * skip));
    }

    @Test
    void inBandToneKeepsItsAmplitudeAndLengthScales() {
        float[] out = Resampler.resample(sine(1000, 44_100, 1.0), 44_100, 16_000);
        assertThat(out.length).isEqualTo(16_000);
        assertThat(rms(out, 100)).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
    }

    @Test
    void toneAboveTheNewNyquistIsRemovedNotAliased() {
        // 12 kHz at 48 kHz would alias to 4 kHz by sample dropping; the low-pass removes it.
        float[] out = Resampler.resample(sine(12_000, 48_000, 1.0), 48_000, 16_000);
        assertThat(rms(out, 100)).isLessThan(0.01);
    }

    @Test
    void upsamplingKeepsTheTone() {
        float[] out = Resampler.resample(sine(440, 8_000, 1.0), 8_000, 16_000);
        assertThat(out.length).isEqualTo(16_000);
        assertThat(rms(out, 100)).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
    }

    @Test
    void streamingInBlocksOfAnySizeGivesTheOneShotResult() {
        float[] in = new float[44_100];
        Random rnd = new Random(7);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        float[] whole = Resampler.resample(in, 44_100, 16_000);
        Resampler r = new Resampler(44_100, 16_000);
        float[] out = new float[whole.length];
        int[] n = {0};
        Resampler.Sink sink = (s, off, len) -> {
            System.arraycopy(s, off, out, n[0], len);
            n[0] += len;
        };
        int pos = 0;
        while (pos < in.length) {
            int block = Math.min(in.length - pos, 1 + rnd.nextInt(5_000));
            r.process(in, pos, block, sink);
            pos += block;
        }
        r.finish(sink);
        assertThat(n[0]).isEqualTo(whole.length);
        assertThat(out).containsExactly(whole);
    }

    @Test
    void constantSignalKeepsUnitGainAwayFromTheEdges() {
        float[] in = new float[48_000];
        java.util.Arrays.fill(in, 0.25f);
        float[] out = Resampler.resample(in, 48_000, 16_000);
        for (int i = 200; i < out.length - 200; i++) {
            assertThat(out[i]).isCloseTo(0.25f, within(1e-4f));
        }
    }

    @Test
    void rateWithTooManyPhasesUsesRoundedPhasesAndKeepsTheTone() {
        // 44101 -> 16000 reduces to L = 16000 phases, more than MAX_PHASES: the rounded-phase path.
        float[] out = Resampler.resample(sine(1000, 44_101, 1.0), 44_101, 16_000);
        assertThat(out.length).isEqualTo(16_000);
        assertThat(rms(out, 200)).isCloseTo(0.5 / Math.sqrt(2), within(0.002));
    }

    @Test
    void passBandEdgeIsKeptAndStopBandIsAttenuatedEightyDecibels() {
        // 6.5 kHz lies inside the 0.92 x 8 kHz pass band; 8.7 kHz (aliasing to 7.3 kHz) lies in the stop band.
        assertThat(rms(Resampler.resample(sine(6_500, 48_000, 1.0), 48_000, 16_000), 200))
                .isCloseTo(0.5 / Math.sqrt(2), within(0.005));
        assertThat(rms(Resampler.resample(sine(8_700, 48_000, 1.0), 48_000, 16_000), 200))
                .isLessThan(0.5 / Math.sqrt(2) * 1e-3);
    }
}
