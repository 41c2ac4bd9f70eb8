package org.e2v.metrics;

import java.util.List;

/**
 * Predictions of one system on a labelled item set, as read from a CSV {@code id,y_true,y_pred}.
 *
 * @param ids    item ids, unique
 * @param yTrue  true label per item
 * @param yPred  predicted label per item
 * @param lines  1-based line number of each item in its file (for error messages)
 */
public record Predictions(List<String> ids, List<String> yTrue, List<String> yPred, int[] lines) {
    public Predictions {
        ids = List.copyOf(ids);
        yTrue = List.copyOf(yTrue);
        yPred = List.copyOf(yPred);
        lines = lines.clone();
        if (ids.size() != yTrue.size() || ids.size() != yPred.size() || ids.size() != lines.length) {
            throw new IllegalArgumentException("ids, labels and line numbers differ in length");
        }
    }

    public int size() {
        return ids.size();
    }

    @Override
    public int[] lines() {
        return lines.clone();
    }
}
