package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.e2v.domain.FeatureMatrix;
import org.e2v.features.dsp.MelFilterbank;
import org.junit.jupiter.api.Test;

class LogMelExtractorTest {
    @Test
    void sinePeaksInTheBandWhoseCentreIsNearestItsFrequency() {
        LogMelSpec spec = LogMelSpec.defaults();
        FeatureMatrix m = spec.newExtractor().extract("sine", TestAudio.sine(1000, 0.5, 0.5, 16_000));
        assertThat(m.dims()).isEqualTo(64);
        // Band centres are equally spaced in mel between 0 and 8000 Hz (65 intervals).
        double melStep = MelFilterbank.hzToMel(8000) / 65;
        int expectedBand = (int) Math.round(MelFilterbank.hzToMel(1000) / melStep) - 1;
        for (int t = 0; t < m.frames(); t++) {
            int best = 0;
            for (int b = 1; b < 64; b++) {
                if (m.get(t, b) > m.get(t, best)) {
                    best = b;
                }
            }
            assertThat(best).isBetween(expectedBand - 1, expectedBand + 1);
        }
    }

    @Test
    void silenceGivesTheLogOfTheFloor() {
        FeatureMatrix m = LogMelSpec.defaults().newExtractor().extract("silence", new float[1600]);
        assertThat(m.frames()).isEqualTo(8);
        assertThat(m.data()).containsOnly((float) Math.log(1e-10));
    }
}
