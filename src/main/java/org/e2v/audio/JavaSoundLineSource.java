package org.e2v.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.e2v.common.E2vException;

/** The system's default microphone through javax.sound. */
public final class JavaSoundLineSource implements CaptureLineSource {
    /** Capture buffer: 100 ms, so level blocks of 50 ms arrive steadily. */
    private static final int BUFFER_BYTES = 3_200;

    /** How javax.sound hands out a line; a seam for tests. */
    @FunctionalInterface
    interface LineFactory {
        TargetDataLine get(AudioFormat format) throws LineUnavailableException;
    }

    private final LineFactory factory;

    public JavaSoundLineSource() {
        this(AudioSystem::getTargetDataLine);
    }

    JavaSoundLineSource(LineFactory factory) {
        this.factory = factory;
    }

    @Override
    public CaptureLine open() {
        AudioFormat format = Microphone.CAPTURE_FORMAT;
        TargetDataLine line;
        try {
            line = factory.get(format);
            line.open(format, BUFFER_BYTES);
        } catch (IllegalArgumentException e) {
            // javax.sound signals "no device supports this format" (or no device at all) this way,
            // not with LineUnavailableException.
            throw new E2vException("no microphone found: the system has no audio input that records "
                    + "16 kHz 16-bit mono (connect a microphone or check the sound settings)", e);
        } catch (LineUnavailableException | SecurityException e) {
            throw new E2vException("the microphone could not be opened (is another program using it?): "
                    + e.getMessage(), e);
        }
        return new CaptureLine() {
            @Override
            public void start() {
                line.start();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return line.read(buffer, offset, length);
            }

            @Override
            public void stop() {
                line.stop();
            }

            @Override
            public void close() {
                line.close();
            }
        };
    }
}
