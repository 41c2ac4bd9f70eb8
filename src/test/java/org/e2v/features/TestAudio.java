package org.e2v.features;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Synthetic signals and WAV writing for feature tests. */
public final class TestAudio {
    private TestAudio() {
    }

    /** Sum of harmonics 1..count of f0 with amplitude amplitude/h. */
    public static float[] harmonicTone(double f0Hz, int harmonics, double amplitude, double seconds, int sampleRateHz) {
        int n = (int) Math.round(seconds * sampleRateHz);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int h = 1; h <= harmonics; h++) {
                v += Math.sin(2 * Math.PI * h * f0Hz * i / sampleRateHz) / h;
            }
            x[i] = (float) (amplitude * v);
        }
        return x;
    }

    public static float[] sine(double hz, double amplitude, double seconds, int sampleRateHz) {
        return harmonicTone(hz, 1, amplitude, seconds, sampleRateHz);
    }

    public static float[] whiteNoise(double std, double seconds, int sampleRateHz, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * sampleRateHz)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (std * r.nextGaussian());
        }
        return x;
    }

    /** Writes 16-bit PCM mono WAV through javax.sound. */
    public static void writeWav(Path file, float[] samples, int sampleRateHz) throws IOException {
        byte[] bytes = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            int v = (int) Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
            bytes[2 * i] = (byte) v;
            bytes[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(sampleRateHz, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
