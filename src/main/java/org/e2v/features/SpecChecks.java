package org.e2v.features;

/** Validation shared by the spec records; messages name the field and the allowed range. */
final class SpecChecks {
    private SpecChecks() {
    }

    static void framing(int sampleRateHz, double frameMs, double hopMs) {
        if (sampleRateHz < 1000) {
            throw new IllegalArgumentException("sampleRateHz must be at least 1000, got " + sampleRateHz);
        }
        if (!(frameMs > 0) || Math.round(frameMs * sampleRateHz / 1000.0) < 2) {
            throw new IllegalArgumentException("frameMs must cover at least 2 samples, got " + frameMs);
        }
        if (!(hopMs > 0) || Math.round(hopMs * sampleRateHz / 1000.0) < 1) {
            throw new IllegalArgumentException("hopMs must cover at least 1 sample, got " + hopMs);
        }
    }

    static void melRange(int sampleRateHz, int melBands, double minFreqHz, double maxFreqHz) {
        if (melBands < 1) {
            throw new IllegalArgumentException("melBands must be at least 1, got " + melBands);
        }
        if (!(minFreqHz >= 0) || !(maxFreqHz > minFreqHz) || maxFreqHz > sampleRateHz / 2.0) {
            throw new IllegalArgumentException("need 0 <= minFreqHz < maxFreqHz <= sampleRateHz/2 = " + sampleRateHz / 2.0
                    + ", got " + minFreqHz + " and " + maxFreqHz);
        }
    }

    static void preEmphasis(double preEmphasis) {
        if (!(preEmphasis >= 0) || preEmphasis >= 1) {
            throw new IllegalArgumentException("preEmphasis must lie in [0, 1), got " + preEmphasis);
        }
    }

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    static Normalisation normalisation(Normalisation n) {
        return n == null ? Normalisation.NONE : n;
    }
}
