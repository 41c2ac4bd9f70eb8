package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.e2v.domain.FeatureMatrix;
import org.junit.jupiter.api.Test;

class TemporalPoolingTest {
    /** Sec. 3.3.1 pooling written step by step, the definition the block-wise version must match bit for bit. */
    private static float[] stepByStep(float[] data, int frames, int dims, int steps) {
        for (int s = 0; s < steps; s++) {
            int out = (frames + 1) / 2;
            float[] next = new float[out * dims];
            for (int t = 0; t < out; t++) {
                for (int d = 0; d < dims; d++) {
                    next[t * dims + d] = 2 * t + 1 < frames
                            ? (data[2 * t * dims + d] + data[(2 * t + 1) * dims + d]) * 0.5f
                            : data[2 * t * dims + d];
                }
            }
            data = next;
            frames = out;
        }
        return data;
    }

    @Test
    void blockWisePoolingEqualsPoolingTheSequenceStepByStep() {
        Random rng = new Random(7);
        for (int steps = 0; steps <= 4; steps++) {
            for (int frames = 1; frames <= 70; frames++) {
                int dims = 1 + rng.nextInt(6);
                float[] data = new float[frames * dims];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (rng.nextGaussian() * 10);
                }
                FeatureMatrix f = new FeatureMatrix("u", frames, dims, data);
                float[] expected = stepByStep(data, frames, dims, steps);
                assertThat(TemporalPooling.pooledFrames(frames, steps)).isEqualTo(expected.length / dims);
                assertThat(TemporalPooling.pool(f, steps)).as("steps %d frames %d", steps, frames).containsExactly(expected);
                // into a larger batch array at an offset: only its own rows change
                float[] batch = new float[expected.length + 2 * dims + 3];
                Arrays.fill(batch, -99f);
                int rows = TemporalPooling.poolInto(f, steps, batch, dims);
                assertThat(rows).isEqualTo(expected.length / dims);
                assertThat(Arrays.copyOfRange(batch, dims, dims + expected.length)).containsExactly(expected);
                for (int i = 0; i < dims; i++) {
                    assertThat(batch[i]).isEqualTo(-99f);
                }
                for (int i = dims + expected.length; i < batch.length; i++) {
                    assertThat(batch[i]).isEqualTo(-99f);
                }
            }
        }
    }
}
