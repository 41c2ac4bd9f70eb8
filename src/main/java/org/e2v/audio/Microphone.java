package org.e2v.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;

/** Whether a capture device exists, without opening it. */
public final class Microphone {
    /** The capture format e2v records in: 16 kHz, 16-bit, mono, little-endian. */
    public static final AudioFormat CAPTURE_FORMAT = new AudioFormat(16_000f, 16, 1, true, false);

    private Microphone() {
    }

    public static boolean isAvailable() {
        try {
            return AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, CAPTURE_FORMAT));
        } catch (IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
