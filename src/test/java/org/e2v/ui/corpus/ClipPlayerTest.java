package org.e2v.ui.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.sound.sampled.LineUnavailableException;
import org.e2v.common.E2vException;
import org.e2v.domain.AudioClip;
import org.junit.jupiter.api.Test;

class ClipPlayerTest {
    @Test
    void pcmIsSigned16BitLittleEndianAndClipped() {
        byte[] pcm = ClipPlayer.toPcm16(new float[] {0f, 1f, -1f, 0.5f, 2f});
        assertThat(pcm).hasSize(10);
        assertThat(sample(pcm, 0)).isEqualTo(0);
        assertThat(sample(pcm, 1)).isEqualTo(32767);
        assertThat(sample(pcm, 2)).isEqualTo(-32767);
        assertThat(sample(pcm, 3)).isEqualTo(16384);
        assertThat(sample(pcm, 4)).isEqualTo(32767);
    }

    private static int sample(byte[] pcm, int i) {
        return (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
    }

    @Test
    void missingOutputDeviceGivesAPlainMessage() {
        ClipPlayer player = new ClipPlayer(() -> {
            throw new LineUnavailableException("no mixer");
        });
        E2vException e = assertThrows(E2vException.class,
                () -> player.play(new AudioClip(new float[160], 16000), () -> { }));
        assertThat(e.getMessage()).startsWith("No audio output device is available").contains("no mixer");
    }
}
