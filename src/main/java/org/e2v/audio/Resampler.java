package org.e2v.audio;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc, evaluated as a polyphase filter.
 *
 * <p>Output sample {@code n} sits at input time {@code t = n * M / L} (the ratio {@code toHz/fromHz}
 * reduced to {@code L/M}). Its value is {@code sum_j x[j] * h(j - t)} with
 * {@code h(u) = fc * sinc(fc * u) * kaiser(u / halfWidth)}; the cut-off {@code fc} is
 * {@value #CUTOFF_FRACTION} of the lower of the two Nyquist frequencies, so downsampling does not
 * alias and upsampling does not image. The fractional part of {@code t} takes one of {@code L} values,
 * so the kernel is tabulated once per phase (at most {@value #MAX_PHASES} phases; a rate pair with a
 * larger {@code L}, e.g. 44 101 Hz, rounds the phase to the nearest of {@value #MAX_PHASES}, an error of
 * at most 1/{@value #MAX_PHASES}/2 input samples).
 *
 * <p>An instance is a streaming converter: {@link #process} accepts input blocks of any size and
 * emits every output sample whose kernel support is complete; {@link #finish} emits the rest
 * (treating samples past the end as silence). Memory is the kernel table plus one kernel length of
 * input history, independent of the signal length, so 30-minute recordings convert without holding
 * the native-rate signal. Instances are not thread-safe; {@link #resample} is the one-shot form.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side of the centre, in units of the lower rate. */
    static final int HALF_ZERO_CROSSINGS = 32;
    /** Cut-off relative to the lower Nyquist frequency; the rest is the Kaiser transition band. */
    static final double CUTOFF_FRACTION = 0.92;
    /** Kaiser beta: about 80 dB of stop-band attenuation. */
    static final double KAISER_BETA = 8.0;
    /** Upper bound on tabulated phases (table size = phases x taps). */
    static final int MAX_PHASES = 2048;

    private final int fromHz;
    private final int toHz;
    private final long up;      // L
    private final long down;    // M
    private final int phases;
    private final int taps;     // K
    private final int leftTaps; // K0: taps before the integer part of t
    private final float[] table; // phases x taps

    /** Input history: buffer[0] holds absolute input index {@code bufferStart}. */
    private float[] buffer;
    private int bufferLength;
    private long bufferStart;
    private long inputCount;
    private long outputCount;
    private boolean finished;

    /** Receives converted samples; the array is reused, copy what you keep. */
    @FunctionalInterface
    public interface Sink {
        void accept(float[] samples, int offset, int length);
    }

    /** A converter from {@code fromHz} to {@code toHz} (both positive). */
    public Resampler(int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + fromHz + " -> " + toHz);
        }
        this.fromHz = fromHz;
        this.toHz = toHz;
        long g = gcd(fromHz, toHz);
        this.up = toHz / g;
        this.down = fromHz / g;
        this.phases = (int) Math.min(up, MAX_PHASES);
        double cutoff = CUTOFF_FRACTION * Math.min(1.0, (double) up / down); // relative to input Nyquist
        double halfWidth = HALF_ZERO_CROSSINGS / cutoff;                       // in input samples
        if (up == down) {
            this.leftTaps = 0;
            this.taps = 1;
            this.table = new float[] {1f};
        } else {
            this.leftTaps = (int) Math.ceil(halfWidth);
            this.taps = 2 * leftTaps + 1;
            this.table = new float[phases * taps];
            double norm = besselI0(KAISER_BETA);
            for (int p = 0; p < phases; p++) {
                double frac = p / (double) phases;
                for (int k = 0; k < taps; k++) {
                    double u = (k - leftTaps) - frac; // j - t
                    double r = u / halfWidth;
                    if (Math.abs(r) >= 1) {
                        continue;
                    }
                    double x = cutoff * u;
                    double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                    double window = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / norm;
                    table[p * taps + k] = (float) (cutoff * sinc * window);
                }
            }
        }
        this.buffer = new float[Math.max(4096, 2 * taps)];
        this.bufferStart = -leftTaps; // leading zeros stand for the silence before the signal
        this.bufferLength = leftTaps;
    }

    /** Converts a whole signal (the output is {@code floor(in.length * toHz / fromHz)} samples long). */
    public static float[] resample(float[] in, int fromHz, int toHz) {
        if (fromHz == toHz) {
            return in.clone();
        }
        Resampler r = new Resampler(fromHz, toHz);
        float[] out = new float[(int) r.outputLength(in.length)];
        int[] pos = {0};
        Sink sink = (s, off, len) -> {
            System.arraycopy(s, off, out, pos[0], len);
            pos[0] += len;
        };
        r.process(in, 0, in.length, sink);
        r.finish(sink);
        return out;
    }

    /** Output length for {@code inputSamples} input samples: {@code floor(inputSamples * toHz / fromHz)}. */
    public long outputLength(long inputSamples) {
        return inputSamples * up / down; // up <= 2^31 and inputs stay far below 2^32: no overflow
    }

    public int fromHz() {
        return fromHz;
    }

    public int toHz() {
        return toHz;
    }

    /** Input samples of context each output needs on either side (the kernel's half length). */
    public int halfKernelSamples() {
        return leftTaps;
    }

    /** Feeds input samples; every output whose kernel lies inside the input seen so far goes to {@code out}. */
    public void process(float[] in, int offset, int length, Sink out) {
        if (finished) {
            throw new IllegalStateException("resampler already finished");
        }
        int done = 0;
        while (done < length) {
            int room = buffer.length - bufferLength;
            if (room == 0) {
                compact();
                room = buffer.length - bufferLength;
            }
            int n = Math.min(room, length - done);
            System.arraycopy(in, offset + done, buffer, bufferLength, n);
            bufferLength += n;
            inputCount += n;
            done += n;
            emit(out, false);
        }
    }

    /** Emits the remaining outputs, treating input past the end as silence. */
    public void finish(Sink out) {
        if (finished) {
            return;
        }
        finished = true;
        emit(out, true);
    }

    private final float[] outBlock = new float[1024];

    private void emit(Sink out, boolean last) {
        long total = outputLength(inputCount);
        int count = 0;
        long available = bufferStart + bufferLength; // absolute index one past the last buffered sample
        while (outputCount < total) {
            long num = outputCount * down;
            long base = num / up;               // integer part of t
            long rem = num - base * up;         // fractional part, in 1/L
            int phase;
            if (phases == up) {
                phase = (int) rem;
            } else {
                phase = (int) Math.round(rem * (double) phases / up);
                if (phase == phases) {
                    phase = 0;
                    base++;
                }
            }
            long first = base - leftTaps;
            long end = first + taps; // exclusive
            if (!last && end > available) {
                break;
            }
            int startInBuf = (int) (first - bufferStart);
            int usable = (int) Math.min(taps, available - first);
            outBlock[count++] = dot(buffer, startInBuf, table, phase * taps, usable);
            outputCount++;
            if (count == outBlock.length) {
                out.accept(outBlock, 0, count);
                count = 0;
            }
        }
        if (count > 0) {
            out.accept(outBlock, 0, count);
        }
    }

    /**
     * Dot product with four independent accumulators: Java may not reorder float additions, so a
     * single accumulator serialises on the add latency; four chains run about three times faster.
     */
    private static float dot(float[] x, int xOff, float[] h, int hOff, int n) {
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            a0 += x[xOff + k] * h[hOff + k];
            a1 += x[xOff + k + 1] * h[hOff + k + 1];
            a2 += x[xOff + k + 2] * h[hOff + k + 2];
            a3 += x[xOff + k + 3] * h[hOff + k + 3];
        }
        for (; k < n; k++) {
            a0 += x[xOff + k] * h[hOff + k];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /** Drops history no future output needs; grows the buffer only if a kernel does not fit. */
    private void compact() {
        long nextBase = (outputCount * down) / up;
        long keepFrom = Math.max(bufferStart, nextBase - leftTaps - 1);
        int drop = (int) (keepFrom - bufferStart);
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart = keepFrom;
        }
        if (bufferLength == buffer.length) {
            float[] bigger = new float[buffer.length * 2];
            System.arraycopy(buffer, 0, bigger, 0, bufferLength);
            buffer = bigger;
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta <= 20). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 60; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
