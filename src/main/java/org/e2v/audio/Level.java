package org.e2v.audio;

/**
 * Loudness of one block of a recording (about 50 ms) for a level meter.
 *
 * @param endSeconds time of the block's end since recording started
 * @param rmsDbfs    20 log10(RMS), full scale = 1.0 (a full-scale sine reads -3.01 dBFS); at least
 *                   {@link #FLOOR_DBFS}
 * @param peakDbfs   20 log10(max |sample|); at least {@link #FLOOR_DBFS}
 */
public record Level(double endSeconds, double rmsDbfs, double peakDbfs) {
    /** Level reported for digital silence instead of minus infinity. */
    public static final double FLOOR_DBFS = -120.0;
    /** Bottom of a level meter's scale: -60 dBFS is an empty bar, 0 dBFS a full one. */
    public static final double METER_FLOOR_DBFS = -60.0;

    /** Maps dBFS to a meter's 0..1 fill: linear in dB from {@link #METER_FLOOR_DBFS} to 0. */
    public static double meterFraction(double dbfs) {
        return Math.max(0, Math.min(1, (dbfs - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS));
    }

    /** Whether the block touched full scale (a sample at 32767 or -32768): the input is clipping. */
    public boolean clipping() {
        return peakDbfs >= -0.01;
    }

    static double dbfs(double linear) {
        return linear <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(linear));
    }
}
