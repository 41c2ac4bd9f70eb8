package org.e2v.ui.enroll;

import java.util.List;

/**
 * One verified query as the results table shows it.
 *
 * @param id             utterance id
 * @param trueLabel      its label in the corpus
 * @param predicted      the nearest prototype's class, or "unknown" when rejected
 * @param distances      cosine distance to each prototype, in the order of {@code classes}
 * @param classes        the classes with a prototype
 * @param polarAngleDeg  Sec. 5.1 polar angle between the first two classes, or NaN when there is no pair
 */
public record QueryRow(String id, String trueLabel, String predicted, float[] distances, List<String> classes,
                       double polarAngleDeg) {
    public QueryRow {
        distances = distances.clone();
        classes = List.copyOf(classes);
    }

    public boolean correct() {
        return trueLabel.equals(predicted);
    }

    /** Distance to {@code className}'s prototype, or NaN when it has none. */
    public double distanceTo(String className) {
        int c = classes.indexOf(className);
        return c < 0 ? Double.NaN : distances[c];
    }
}
