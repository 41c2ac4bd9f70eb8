package org.e2v.audio;

/** Test signals and a Goertzel single-bin DFT for measuring tones. */
final class Signals {
    private Signals() {
    }

    static float[] sine(double hz, double amplitude, int rateHz, double seconds) {
        float[] x = new float[(int) Math.round(rateHz * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rateHz));
        }
        return x;
    }

    /**
     * Amplitude of the {@code hz} component of {@code x[from, from+n)}: |X(f)| * 2 / n, exact for a
     * sine with a whole number of cycles in the window.
     */
    static double toneAmplitude(float[] x, int from, int n, double hz, int rateHz) {
        double w = 2 * Math.PI * hz / rateHz;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + n; i++) {
            double s0 = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / n;
    }

    /** The frequency (in {@code stepHz} steps between lo and hi) with the largest tone amplitude. */
    static double dominantHz(float[] x, int from, int n, int rateHz, double loHz, double hiHz, double stepHz) {
        double best = loHz;
        double bestAmp = -1;
        for (double f = loHz; f <= hiHz; f += stepHz) {
            double a = toneAmplitude(x, from, n, f, rateHz);
            if (a > bestAmp) {
                bestAmp = a;
                best = f;
            }
        }
        return best;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
