package org.e2v.features.dsp;

/**
 * DCT-II of log mel energies as in HTK and openSMILE:
 * {@code c_k = sqrt(2/M) sum_m x_m cos(pi k (m + 0.5) / M)}, followed by optional sinusoidal
 * cepstral liftering {@code c_k *= 1 + (L/2) sin(pi k / L)} (L = 0 disables it). The cosine table
 * and lifter weights are precomputed.
 */
public final class Dct {
    private final int inputs;
    private final int firstCoefficient;
    private final int count;
    private final double[] table;

    /**
     * @param inputs           M, number of log mel energies
     * @param firstCoefficient index of the first coefficient kept (0 keeps c0, 1 starts at c1)
     * @param count            number of coefficients kept
     * @param lifter           L of the sinusoidal lifter, 0 for none
     */
    public Dct(int inputs, int firstCoefficient, int count, int lifter) {
        if (firstCoefficient + count > inputs) {
            throw new IllegalArgumentException("cannot take " + count + " cepstral coefficients from c" + firstCoefficient
                    + " with only " + inputs + " mel bands");
        }
        this.inputs = inputs;
        this.firstCoefficient = firstCoefficient;
        this.count = count;
        this.table = new double[count * inputs];
        double scale = Math.sqrt(2.0 / inputs);
        for (int i = 0; i < count; i++) {
            int k = firstCoefficient + i;
            double lift = lifter > 0 ? 1.0 + lifter / 2.0 * Math.sin(Math.PI * k / lifter) : 1.0;
            for (int m = 0; m < inputs; m++) {
                table[i * inputs + m] = scale * lift * Math.cos(Math.PI * k * (m + 0.5) / inputs);
            }
        }
    }

    /** Writes {@code count} coefficients to {@code out[outOffset..]}. */
    public void apply(double[] logMel, float[] out, int outOffset) {
        for (int i = 0; i < count; i++) {
            double acc = 0;
            int row = i * inputs;
            for (int m = 0; m < inputs; m++) {
                acc += table[row + m] * logMel[m];
            }
            out[outOffset + i] = (float) acc;
        }
    }

    public int count() {
        return count;
    }

    public int firstCoefficient() {
        return firstCoefficient;
    }
}
