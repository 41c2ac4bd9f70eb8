package org.e2v.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adamax (Sec. 4.1.3; Kingma and Ba, Algorithm 2) over all trainable arrays of a step as one Java
 * pass per array on host copies (decision 0134): as ND4J calls it was nine elementwise ops per
 * array plus a reduction per gradient for the finiteness check, and at twenty-odd arrays the
 * per-op cost (not the arithmetic) made it 16-24 ms of every training step.
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;  u = max(b2 u, |g|);  p -= lr / (1 - b1^t) * m / (u + eps)
 * </pre>
 *
 * The arrays are shared out between the calling thread and the model's {@link PairWorker} helper
 * (about half the values each). One owner, one thread at a time; scratch arrays are kept between steps.
 */
final class AdamaxUpdate {
    /** One trainable array with its gradient and the two Adamax moments (all the same shape). */
    record Slot(INDArray param, INDArray grad, INDArray m, INDArray u) {
    }

    private final double beta1;
    private final double beta2;
    private final double eps;
    /** Two halves of the arrays are updated at once, each with its own copies and scratch. */
    private final PairWorker pair;
    private final Half[] halves = {new Half(), new Half()};
    private double[] grads = new double[0];

    /** Host copies and scratch of one thread. */
    private static final class Half {
        final HostCopy host = new HostCopy();
        double[] p = new double[0];
        double[] m = new double[0];
        double[] u = new double[0];
        boolean finite;
    }

    /** @param pair the owner's helper (not closed here) */
    AdamaxUpdate(double beta1, double beta2, double eps, PairWorker pair) {
        this.pair = pair;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /**
     * Applies the update to every slot when every gradient entry is finite, else changes nothing.
     *
     * @param stepSize lr / (1 - b1^t)
     * @return whether all gradients were finite (and so the update was applied)
     */
    boolean apply(List<Slot> slots, double stepSize) {
        int count = slots.size();
        if (count == 0) {
            return true;
        }
        int[] start = new int[count + 1];
        for (int k = 0; k < count; k++) {
            start[k + 1] = Math.addExact(start[k], (int) slots.get(k).grad().length());
        }
        if (grads.length < start[count]) {
            grads = new double[start[count]];
        }
        // arrays [0, split) go to the calling thread, [split, count) to the helper: about half the values each
        int split = 0;
        while (split < count && start[split + 1] <= start[count] / 2) {
            split++;
        }
        int[] bounds = {0, Math.max(1, Math.min(count, split)), count};
        pair.run(2, (from, to) -> {
            for (int h = from; h < to; h++) {
                Half half = halves[h];
                half.finite = true;
                for (int k = bounds[h]; k < bounds[h + 1]; k++) {
                    int n = start[k + 1] - start[k];
                    half.host.read(slots.get(k).grad(), grads, start[k], n);
                    for (int i = start[k]; i < start[k + 1]; i++) {
                        half.finite &= Double.isFinite(grads[i]);
                    }
                }
            }
        });
        if (!halves[0].finite || !halves[1].finite) {
            return false;
        }
        pair.run(2, (from, to) -> {
            for (int h = from; h < to; h++) {
                for (int k = bounds[h]; k < bounds[h + 1]; k++) {
                    update(halves[h], slots.get(k), start[k], stepSize);
                }
            }
        });
        return true;
    }

    private void update(Half half, Slot s, int at, double stepSize) {
        int n = (int) s.grad().length();
        if (half.p.length < n) {
            half.p = new double[n];
            half.m = new double[n];
            half.u = new double[n];
        }
        double[] p = half.p;
        double[] m = half.m;
        double[] u = half.u;
        half.host.read(s.param(), p, n);
        half.host.read(s.m(), m, n);
        half.host.read(s.u(), u, n);
        for (int i = 0; i < n; i++) {
            double g = grads[at + i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            u[i] = Math.max(beta2 * u[i], Math.abs(g));
            p[i] -= stepSize * m[i] / (u[i] + eps);
        }
        half.host.write(p, s.param(), n);
        half.host.write(m, s.m(), n);
        half.host.write(u, s.u(), n);
    }
}
