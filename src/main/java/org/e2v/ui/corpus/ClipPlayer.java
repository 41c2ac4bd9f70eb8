package org.e2v.ui.corpus;

import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;
import javax.sound.sampled.LineUnavailableException;
import org.e2v.common.E2vException;
import org.e2v.domain.AudioClip;

/**
 * Plays decoded audio through javax.sound. One clip at a time: playing another stops the first.
 * Call from a background thread (opening a line can block); the stop callback comes on the audio
 * system's thread.
 */
public final class ClipPlayer implements AutoCloseable {
    private final ClipSource clips;
    private Clip current;

    /** A player on the system's default output. */
    public ClipPlayer() {
        this(javax.sound.sampled.AudioSystem::getClip);
    }

    /** A player whose clips come from {@code clips} (tests). */
    public ClipPlayer(ClipSource clips) {
        this.clips = Objects.requireNonNull(clips);
    }

    /**
     * Starts playing {@code audio}; {@code onStop} runs when it ends or is stopped.
     *
     * @throws E2vException when there is no usable audio output
     */
    public synchronized void play(AudioClip audio, Runnable onStop) {
        stop();
        AudioFormat format = new AudioFormat(audio.sampleRateHz(), 16, 1, true, false);
        byte[] pcm = toPcm16(audio.samples());
        Clip clip;
        try {
            clip = clips.get();
            clip.open(format, pcm, 0, pcm.length);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new E2vException("No audio output device is available, so the utterance cannot be played ("
                    + e.getMessage() + ").", e);
        }
        clip.addLineListener(event -> {
            if (event.getType() == LineEvent.Type.STOP) {
                event.getLine().close();
                onStop.run();
            }
        });
        current = clip;
        clip.start();
    }

    /** Stops the clip that is playing, if any. */
    public synchronized void stop() {
        if (current != null) {
            current.stop();
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Float samples in [-1, 1] as signed 16-bit little-endian PCM, clipped at full scale. */
    static byte[] toPcm16(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            float s = Math.max(-1f, Math.min(1f, samples[i]));
            int v = Math.round(s * 32767f);
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    /** Where clips come from. */
    @FunctionalInterface
    public interface ClipSource {
        Clip get() throws LineUnavailableException;
    }
}
