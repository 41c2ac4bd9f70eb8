package org.e2v.features.dsp;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * Windowed power spectrum of one frame, computed once per frame and shared by every spectral
 * descriptor (mel bands, MFCC). Uses TarsosDSP's split-radix real FFT; the frame is Hamming
 * windowed and zero-padded to the next power of two.
 */
public final class PowerSpectrum {
    private final int frameSamples;
    private final int fftSize;
    private final float[] window;
    private final FloatFFT fft;
    private final float[] buffer;
    private final float[] windowed;
    private final float[] power;

    public PowerSpectrum(int frameSamples) {
        this.frameSamples = frameSamples;
        this.fftSize = Framing.nextPowerOfTwo(frameSamples);
        this.window = Framing.hamming(frameSamples);
        this.fft = new FloatFFT(fftSize);
        this.buffer = new float[fftSize];
        this.windowed = new float[frameSamples];
        this.power = new float[fftSize / 2 + 1];
    }

    /**
     * Windows {@code frameSamples} samples of {@code signal} starting at {@code offset} (zero
     * beyond its end) and computes |X_k|^2 for k = 0..fftSize/2.
     */
    public void compute(float[] signal, int offset) {
        int available = Math.max(0, Math.min(frameSamples, signal.length - offset));
        for (int i = 0; i < available; i++) {
            float v = signal[offset + i] * window[i];
            windowed[i] = v;
            buffer[i] = v;
        }
        for (int i = available; i < frameSamples; i++) {
            windowed[i] = 0f;
        }
        java.util.Arrays.fill(buffer, available, fftSize, 0f);
        fft.realForward(buffer);
        // realForward layout: [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...]
        power[0] = buffer[0] * buffer[0];
        power[fftSize / 2] = buffer[1] * buffer[1];
        for (int k = 1; k < fftSize / 2; k++) {
            float re = buffer[2 * k];
            float im = buffer[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }

    /** |X_k|^2 of the last computed frame; length fftSize/2 + 1. Reused on the next call. */
    public float[] power() {
        return power;
    }

    /** The Hamming-windowed frame of the last call (input of LPC). Reused on the next call. */
    public float[] windowedFrame() {
        return windowed;
    }

    public int fftSize() {
        return fftSize;
    }

    public int frameSamples() {
        return frameSamples;
    }
}
