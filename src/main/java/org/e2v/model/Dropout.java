package org.e2v.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
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

    /** Fills {@code mask} with inverted-dropout keep values: 0 with probability p, else 1/(1-p). */
    static void draw(INDArray mask, double p, Random rng) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - p), rng);
        mask.muli(1.0 / (1 - p));
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
