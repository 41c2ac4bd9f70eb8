package org.e2v.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeltasTest {
    @Test
    void deltasOfALinearRampEqualItsSlopeAwayFromTheEdges() {
        int frames = 20;
        int stride = 4; // columns: ramp a, ramp b, delta a, delta b
        float[] data = new float[frames * stride];
        for (int t = 0; t < frames; t++) {
            data[t * stride] = 0.5f * t + 3;
            data[t * stride + 1] = -2f * t;
        }
        Deltas.compute(data, frames, stride, 0, 2, 2, 2);
        for (int t = 2; t < frames - 2; t++) {
            assertThat((double) data[t * stride + 2]).isCloseTo(0.5, within(1e-6));
            assertThat((double) data[t * stride + 3]).isCloseTo(-2.0, within(1e-6));
        }
        // At t = 0 the edge frame is repeated: (1 * (c1 - c0) + 2 * (c2 - c0)) / 10 = 0.5 * 0.5
        assertThat((double) data[2]).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void singleFrameHasZeroDelta() {
        float[] data = {5f, 99f};
        Deltas.compute(data, 1, 2, 0, 1, 1, 2);
        assertThat(data[1]).isZero();
    }
}
