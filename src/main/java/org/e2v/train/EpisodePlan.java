package org.e2v.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.e2v.common.Seeds;

/**
 * The episodes of one epoch (Sec. 4.1.3): each episode holds N samples of each of the K classes,
 * in episodic order (row k*N + i is sample i of class k). Each epoch's plan is a pure function of
 * (seed, epoch), so a resumed run draws exactly the episodes an uninterrupted run would have.
 * Every class is shuffled once per epoch and consumed in order, so an epoch sees every sample
 * about equally often. A class that runs out is refilled with a new shuffle whose samples already in
 * the current episode come last, so a class with at least N samples never repeats one within an
 * episode (a repeat would be both a support sample and the query of Eq. (2)); a class with fewer
 * than N contributes each once before any repeats (decision 0146).
 */
public final class EpisodePlan {
    private EpisodePlan() {
    }

    /**
     * @param byClass          sample indices of each class (every class must have at least one)
     * @param perClass         N
     * @param episodes         episodes in the epoch
     * @param samplerSeed      the run's sampler seed
     * @param epoch            0-based epoch
     * @return episodes x (K*N) sample indices
     */
    public static int[][] forEpoch(List<int[]> byClass, int perClass, int episodes, long samplerSeed, int epoch) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(samplerSeed, "epoch-" + epoch));
        int k = byClass.size();
        int[][] plan = new int[episodes][k * perClass];
        List<int[]> orders = new ArrayList<>();
        int[] cursor = new int[k];
        for (int[] members : byClass) {
            if (members.length == 0) {
                throw new IllegalArgumentException("a class has no training samples");
            }
            orders.add(shuffled(members, rng));
        }
        for (int e = 0; e < episodes; e++) {
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < perClass; i++) {
                    if (cursor[c] == orders.get(c).length) {
                        orders.set(c, inEpisodeLast(shuffled(byClass.get(c), rng), plan[e], c * perClass, i));
                        cursor[c] = 0;
                    }
                    plan[e][c * perClass + i] = orders.get(c)[cursor[c]++];
                }
            }
        }
        return plan;
    }

    /** {@code order} with the values of {@code episode[from, from + count)} moved to its end, in order. */
    private static int[] inEpisodeLast(int[] order, int[] episode, int from, int count) {
        if (count == 0) {
            return order;
        }
        Set<Integer> taken = new HashSet<>();
        for (int i = from; i < from + count; i++) {
            taken.add(episode[i]);
        }
        int[] out = new int[order.length];
        int n = 0;
        for (int v : order) {
            if (!taken.contains(v)) {
                out[n++] = v;
            }
        }
        for (int v : order) {
            if (taken.contains(v)) {
                out[n++] = v;
            }
        }
        return out;
    }

    private static int[] shuffled(int[] values, SplittableRandom rng) {
        int[] a = values.clone();
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
