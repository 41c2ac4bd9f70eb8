package org.e2v.data;

import java.util.List;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Utterance;

/**
 * One training mini-batch of Sec. 4.1.3: {@code perClass} (N) utterances of each of the K classes,
 * in episodic order: row {@code k * N + i} is utterance i of class k.
 *
 * @param epoch    the epoch it belongs to
 * @param index    its position in the epoch
 * @param classes  the K classes, in row-block order
 * @param perClass N
 * @param rows     K * N utterances
 */
public record Episode(int epoch, int index, List<EmotionLabel> classes, int perClass, List<Utterance> rows) {
    public Episode {
        classes = List.copyOf(classes);
        rows = List.copyOf(rows);
        if (rows.size() != classes.size() * perClass) {
            throw new IllegalArgumentException("an episode of " + classes.size() + " x " + perClass + " needs "
                    + classes.size() * perClass + " rows, got " + rows.size());
        }
    }

    /** Utterance i of class k. */
    public Utterance utterance(int classIndex, int i) {
        return rows.get(classIndex * perClass + i);
    }

    /** The class index of {@code row} (the target of Eq. (1)-(4)). */
    public int classIndexOfRow(int row) {
        return row / perClass;
    }
}
