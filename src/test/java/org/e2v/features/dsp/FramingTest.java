package org.e2v.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FramingTest {
    @Test
    void frameCountIsOnePlusFloorOfRemainingSamplesOverHop() {
        // 1 s at 16 kHz, 25 ms / 10 ms: 1 + floor((16000 - 400) / 160) = 98
        assertThat(Framing.frameCount(16_000, 400, 160)).isEqualTo(98);
        assertThat(Framing.frameCount(400, 400, 160)).isEqualTo(1);
        assertThat(Framing.frameCount(559, 400, 160)).isEqualTo(1);
        assertThat(Framing.frameCount(560, 400, 160)).isEqualTo(2);
    }

    @Test
    void clipShorterThanOneFrameIsPaddedToOneFrame() {
        assertThat(Framing.frameCount(1, 400, 160)).isEqualTo(1);
        assertThat(Framing.frameCount(399, 400, 160)).isEqualTo(1);
    }

    @Test
    void emptyClipIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Framing.frameCount(0, 400, 160));
    }

    @Test
    void millisecondsRoundToWholeSamples() {
        assertThat(Framing.samples(25, 16_000)).isEqualTo(400);
        assertThat(Framing.samples(10, 16_000)).isEqualTo(160);
        assertThat(Framing.samples(25, 22_050)).isEqualTo(551);
        assertThat(Framing.nextPowerOfTwo(400)).isEqualTo(512);
        assertThat(Framing.nextPowerOfTwo(512)).isEqualTo(512);
    }
}
