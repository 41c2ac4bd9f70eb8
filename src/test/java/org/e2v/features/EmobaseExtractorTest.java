package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.e2v.domain.AudioClip;
import org.e2v.domain.FeatureMatrix;
import org.junit.jupiter.api.Test;

class EmobaseExtractorTest {
    private static final int SR = 16_000;
    private final EmobaseSpec spec = EmobaseSpec.defaults();
    private final List<String> columns = spec.columns();

    private int col(String name) {
        return columns.indexOf(name);
    }

    static void assertFinite(FeatureMatrix m) {
        for (int i = 0; i < m.data().length; i++) {
            assertThat(Float.isFinite(m.data()[i])).as("value %d (frame %d, dim %d) is finite", i, i / m.dims(), i % m.dims())
                    .isTrue();
        }
    }

    @Test
    void defaultLayoutHas27DescriptorsAndTheirDeltas() {
        assertThat(spec.dims()).isEqualTo(54);
        assertThat(columns).hasSize(54).startsWith("intensity", "loudness", "logEnergy", "mfcc1");
        assertThat(columns.get(27)).isEqualTo("intensity_de");
        assertThat(columns).contains("lsf8", "zcr", "voicingProb", "f0Hz", "f0EnvHz", "f0EnvHz_de");
    }

    @Test
    void frameCountFollowsFromDurationAndHop() {
        FeatureExtractor e = spec.newExtractor();
        // 2.5 s = 40000 samples: 1 + floor((40000 - 400) / 160) = 248
        assertThat(e.extract("u", new float[40_000]).frames()).isEqualTo(248);
        assertThat(e.extract("u", new float[16_000]).frames()).isEqualTo(98);
    }

    @Test
    void clipShorterThanOneFrameGivesOneZeroPaddedFrame() {
        FeatureMatrix m = spec.newExtractor().extract("short", TestAudio.sine(200, 0.5, 0.01, SR));
        assertThat(m.frames()).isEqualTo(1);
        assertFinite(m);
    }

    @Test
    void emptyClipIsRejectedWithTheUtteranceName() {
        var e = assertThrows(IllegalArgumentException.class, () -> spec.newExtractor().extract("empty-one", new float[0]));
        assertThat(e.getMessage()).contains("empty-one");
    }

    @Test
    void sineEnergyMatchesItsRms() {
        double amplitude = 0.4;
        FeatureMatrix m = spec.newExtractor().extract("sine", TestAudio.sine(200, amplitude, 1.0, SR));
        double rmsSquared = amplitude * amplitude / 2;
        for (int t = 0; t < m.frames(); t++) {
            // 400 samples = 5 whole periods of 200 Hz: the mean square is exactly A^2 / 2.
            assertThat((double) m.get(t, col("logEnergy"))).isCloseTo(Math.log(rmsSquared), within(1e-4));
            assertThat((double) m.get(t, col("intensity"))).isCloseTo(rmsSquared, within(0.01 * rmsSquared));
            assertThat((double) m.get(t, col("loudness"))).isCloseTo(Math.pow(rmsSquared / 1e-6, 0.3), within(0.01 * 48));
            // Frames start on a period boundary: crossings at half-periods 1..9 inside the 400 samples
            // (the tenth falls on the next frame's first sample), i.e. 9 or, with rounding, 10 per 399 pairs.
            assertThat((double) m.get(t, col("zcr"))).isBetween(9.0 / 399 - 1e-6, 10.0 / 399 + 1e-6);
        }
    }

    @Test
    void harmonicToneGivesPitchWithin1HzAndAFlatEnvelope() {
        FeatureMatrix m = spec.newExtractor().extract("tone", TestAudio.harmonicTone(200, 6, 0.3, 1.0, SR));
        // Frames whose 40 ms pitch window lies inside the clip (the window is centred on the frame).
        for (int t = 2; t < m.frames() - 2; t++) {
            assertThat((double) m.get(t, col("f0Hz"))).isCloseTo(200.0, within(1.0));
            assertThat((double) m.get(t, col("voicingProb"))).isGreaterThan(0.9);
            assertThat((double) m.get(t, col("f0EnvHz"))).isCloseTo(200.0, within(1.0));
        }
        // Deltas of a steady pitch vanish in the interior.
        assertThat((double) m.get(m.frames() / 2, col("f0Hz_de"))).isCloseTo(0.0, within(0.5));
    }

    @Test
    void silenceIsUnvoicedAndFinite() {
        FeatureMatrix m = spec.newExtractor().extract("silence", new float[SR]);
        for (int t = 0; t < m.frames(); t++) {
            assertThat(m.get(t, col("f0Hz"))).isZero();
            assertThat(m.get(t, col("voicingProb"))).isZero();
            assertThat(m.get(t, col("f0EnvHz"))).isZero();
        }
        assertFinite(m);
    }

    @Test
    void pitchEnvelopeHoldsTheLastVoicedValueThroughAPause() {
        float[] tone = TestAudio.harmonicTone(150, 5, 0.3, 0.5, SR);
        float[] x = new float[tone.length + SR / 2];
        System.arraycopy(tone, 0, x, 0, tone.length);
        FeatureMatrix m = spec.newExtractor().extract("pause", x);
        int last = m.frames() - 1;
        assertThat(m.get(last, col("f0Hz"))).isZero();
        assertThat((double) m.get(last, col("f0EnvHz"))).isCloseTo(150.0, within(1.5));
    }

    @Test
    void lsfsAreSortedInsideZeroToPi() {
        FeatureMatrix m = spec.newExtractor().extract("speech", SyntheticSpeech.generate(2.0, SR, 5));
        for (int t = 0; t < m.frames(); t++) {
            float previous = 0;
            for (int i = 1; i <= 8; i++) {
                float v = m.get(t, col("lsf" + i));
                assertThat(v).isGreaterThan(previous).isLessThan((float) Math.PI);
                previous = v;
            }
        }
    }

    @Test
    void featuresAreFiniteOnSpeechLikeAudioAndVoicingFollowsTheSyllables() {
        FeatureMatrix m = spec.newExtractor().extract("speech", SyntheticSpeech.generate(4.0, SR, 11));
        assertFinite(m);
        long voiced = 0;
        for (int t = 0; t < m.frames(); t++) {
            voiced += m.get(t, col("f0Hz")) > 0 ? 1 : 0;
        }
        // Syllables are voiced 80 % of the time, with soft on- and offsets.
        assertThat(voiced / (double) m.frames()).isBetween(0.5, 0.9);
    }

    @Test
    void clipAtAnotherRateIsResampledBeforeAnalysis() {
        float[] at8k = TestAudio.harmonicTone(200, 3, 0.3, 1.0, 8000);
        FeatureMatrix m = spec.newExtractor().extract("u", new AudioClip(at8k, 8000));
        assertThat(m.frames()).isEqualTo(98);
        assertThat((double) m.get(50, col("f0Hz"))).isCloseTo(200.0, within(1.0));
    }
}
