package org.e2v.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout whose keep-masks are placeholders filled from a seeded ND4J generator before
 * each training step. The graph itself stays deterministic (SameDiff's own dropout op draws from
 * the global generator, also during backprop); evaluation graphs are built without any of these.
 */
final class Dropout {
    private final SameDiff sd;
    private final double p;
    private final List<Site> sites = new ArrayList<>();

    private record Site(String name, long rowsPerItem, long[] rest) {
    }

    /** @param p drop probability; 0 (or an evaluation graph: {@code sd == null}) makes {@link #apply} the identity */
    Dropout(SameDiff sd, double p) {
        this.sd = sd;
        this.p = p;
    }

    boolean active() {
        return sd != null && p > 0;
    }

    /**
     * @param x           the activations
     * @param rowsPerItem leading dimension of x per batch item (x's first dim is batch * rowsPerItem)
     * @param rest        the remaining dimensions of x
     */
    SDVariable apply(SDVariable x, long rowsPerItem, long... rest) {
        if (!active()) {
            return x;
        }
        String name = "dropmask" + sites.size();
        long[] shape = new long[rest.length + 1];
        shape[0] = -1;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        SDVariable mask = sd.placeHolder(name, x.dataType(), shape);
        sites.add(new Site(name, rowsPerItem, rest));
        return x.mul(mask);
    }

    /**
     * Fills {@code mask} (contiguous, c order) with inverted-dropout keep values, 0 with probability
     * p, else 1/(1-p), from a seed drawn from {@code rng}; element i follows {@link #keeps} for
     * (seed, i), so {@link ReluDropout}'s fused pass draws the same mask (decision 0135).
     */
    static void draw(INDArray mask, double p, Random rng) {
        fill(mask, p, rng.nextLong());
    }

    /** As {@link #draw} with the seed given. */
    static void fill(INDArray mask, double p, long seed) {
        long n = mask.length();
        double keep = 1.0 / (1 - p);
        int size = (int) Math.min(n, CHUNK);
        float[] kept = new float[size];
        double[] values = new double[size];
        HostCopy host = new HostCopy();
        for (long from = 0; from < n; from += size) {
            int count = (int) Math.min(size, n - from);
            keeps(seed, p, from, kept, count);
            for (int i = 0; i < count; i++) {
                values[i] = kept[i] * keep;
            }
            host.writeRange(values, 0, mask, from, count);
        }
    }

    private static final int CHUNK = 1 << 14;
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * The keep decisions (1 kept, 0 dropped) of elements {@code [first, first + count)} of a mask
     * into {@code out[0..count)}. Element i is dropped when 16 bits of SplitMix64(seed + (i / 4) *
     * gamma) (lane i mod 4) fall below round(p * 65536): p is applied to a resolution of 1/65536,
     * and one hash serves four elements. A pure function of (seed, i), so any split of a mask
     * between threads or chunks draws the same mask.
     */
    static void keeps(long seed, double p, long first, float[] out, int count) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1): " + p);
        }
        long threshold = Math.round(p * 65536);
        // elements before the first whole word, whole words, then the rest
        int k = (int) Math.min(count, (4 - (first & 3)) & 3);
        for (int i = 0; i < k; i++) {
            out[i] = kept(seed, first + i, threshold);
        }
        long word0 = (first + k) >>> 2;
        int words = (count - k) / 4;
        for (int w = 0; w < words; w++, k += 4) {
            long word = mix(seed + (word0 + w) * GAMMA);
            out[k] = lane(word, 0, threshold);
            out[k + 1] = lane(word, 16, threshold);
            out[k + 2] = lane(word, 32, threshold);
            out[k + 3] = lane(word, 48, threshold);
        }
        for (; k < count; k++) {
            out[k] = kept(seed, first + k, threshold);
        }
    }

    private static float kept(long seed, long element, long threshold) {
        return lane(mix(seed + (element >>> 2) * GAMMA), (int) (element & 3) << 4, threshold);
    }

    /** 1 when the 16 bits of {@code word} at {@code shift} are at least the threshold, else 0. */
    private static float lane(long word, int shift, long threshold) {
        long u = (word >>> shift) & 0xFFFF;
        // (u - threshold) >>> 63 is 1 exactly when u < threshold: dropped
        return 1 - (float) ((u - threshold) >>> 63);
    }

    /** SplitMix64's output function (Steele, Lea and Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Keep-everything masks (a train graph evaluated without dropout, e.g. for gradient checks). */
    void fillOnes(Map<String, INDArray> placeholders, int batch, org.nd4j.linalg.api.buffer.DataType dataType) {
        for (Site s : sites) {
            long[] shape = new long[s.rest().length + 1];
            shape[0] = batch * s.rowsPerItem();
            System.arraycopy(s.rest(), 0, shape, 1, s.rest().length);
            placeholders.put(s.name(), Nd4j.ones(dataType, shape));
        }
    }

    /** Draws fresh keep-masks (values 0 or 1/(1-p)) for a batch of {@code batch} items into {@code placeholders}. */
    void fill(Map<String, INDArray> placeholders, int batch, Random rng, org.nd4j.linalg.api.buffer.DataType dataType) {
        for (Site s : sites) {
            long[] shape = new long[s.rest().length + 1];
            shape[0] = batch * s.rowsPerItem();
            System.arraycopy(s.rest(), 0, shape, 1, s.rest().length);
            INDArray mask = Nd4j.createUninitialized(dataType, shape);
            draw(mask, p, rng);
            placeholders.put(s.name(), mask);
        }
    }
}
