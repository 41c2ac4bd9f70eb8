package org.e2v.ui.analyses;

import java.util.List;
import org.e2v.experiment.chart.ChartData;

/**
 * Finds the point behind a clicked item of {@link org.e2v.experiment.chart.Charts#embeddingScatter}:
 * that chart puts each point kind in its own dataset (index {@code kinds - 1 - kind}), one series
 * per class in legend order, items in point order.
 */
final class ScatterPoints {
    private ScatterPoints() {
    }

    /** The point at (dataset, series, item), or null when there is none. */
    static ChartData.ScatterPoint at(ChartData.EmbeddingScatter data, int datasetIndex, int series, int item) {
        ChartData.PointKind[] kinds = ChartData.PointKind.values();
        int kindIndex = kinds.length - 1 - datasetIndex;
        List<String> classes = data.classNames();
        if (kindIndex < 0 || kindIndex >= kinds.length || series < 0 || series >= classes.size()) {
            return null;
        }
        ChartData.PointKind kind = kinds[kindIndex];
        String cls = classes.get(series);
        int seen = 0;
        for (ChartData.ScatterPoint p : data.points()) {
            if (p.kind() == kind && p.className().equals(cls)) {
                if (seen == item) {
                    return p;
                }
                seen++;
            }
        }
        return null;
    }
}
