package org.e2v.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.e2v.features.TestAudio;
import org.junit.jupiter.api.Test;

class YinTest {
    private static final int SR = 16_000;

    @Test
    void harmonicToneOf200HzIsFoundWithinOneHertz() {
        float[] x = TestAudio.harmonicTone(200, 5, 0.3, 1.0, SR);
        Yin yin = new Yin(SR, 640, 60, 500, 0.15);
        for (int start = 0; start + 640 <= x.length; start += 160) {
            yin.estimate(x, start);
            assertThat(yin.voiced()).isTrue();
            assertThat(yin.pitchHz()).isCloseTo(200.0, within(1.0));
            assertThat(yin.probability()).isGreaterThan(0.9);
        }
    }

    @Test
    void nonIntegerPeriodIsInterpolated() {
        // 16000 / 173 = 92.49 samples per period: parabolic interpolation must get below one sample.
        float[] x = TestAudio.harmonicTone(173, 4, 0.3, 0.5, SR);
        Yin yin = new Yin(SR, 640, 60, 500, 0.15);
        yin.estimate(x, 1000);
        assertThat(yin.pitchHz()).isCloseTo(173.0, within(1.0));
    }

    @Test
    void silenceIsUnvoicedWithZeroProbability() {
        Yin yin = new Yin(SR, 640, 60, 500, 0.15);
        yin.estimate(new float[4000], 100);
        assertThat(yin.voiced()).isFalse();
        assertThat(yin.pitchHz()).isZero();
        assertThat(yin.probability()).isZero();
    }

    @Test
    void whiteNoiseIsMostlyUnvoiced() {
        float[] x = TestAudio.whiteNoise(0.1, 2.0, SR, 7);
        Yin yin = new Yin(SR, 640, 60, 500, 0.15);
        int voiced = 0;
        int frames = 0;
        for (int start = 0; start + 640 <= x.length; start += 160) {
            yin.estimate(x, start);
            voiced += yin.voiced() ? 1 : 0;
            frames++;
        }
        assertThat(voiced).isLessThan(frames / 20);
    }
}
