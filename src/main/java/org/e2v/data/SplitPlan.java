package org.e2v.data;

import java.util.List;

/**
 * The folds of one split strategy applied to one corpus.
 *
 * @param strategy how the folds were made
 * @param seed     the seed that fixed any random choice (validation rotation); recorded for provenance
 * @param folds    the folds, in a stable order
 */
public record SplitPlan(SplitStrategy strategy, long seed, List<Fold> folds) {
    public SplitPlan {
        folds = List.copyOf(folds);
    }
}
