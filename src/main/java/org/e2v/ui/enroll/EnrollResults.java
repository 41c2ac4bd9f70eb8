package org.e2v.ui.enroll;

import java.util.List;
import org.e2v.enroll.VerificationResult;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.enroll.ScoredQueries;

/**
 * What the Enroll screen shows after an edit.
 *
 * @param verification every query against the current prototypes
 * @param scored       the queries that count and their metrics (report null when nothing counts)
 * @param rows         the counted queries for the table
 * @param polar        polar histogram of the counted queries for the first two classes, or null
 * @param confusion    confusion matrix, or null when nothing counts
 * @param updateNanos  time from the edit to these results (enroll + re-verify + scoring)
 */
public record EnrollResults(VerificationResult verification, ScoredQueries scored, List<QueryRow> rows,
                            ChartData.PolarHistogram polar, ChartData.Confusion confusion, long updateNanos) {
    public EnrollResults {
        rows = List.copyOf(rows);
    }

    public boolean hasMetrics() {
        return scored.hasReport();
    }

    /** UAR over the counted queries' true classes, or NaN. */
    public double uar() {
        return scored.hasReport() ? scored.report().uar() : Double.NaN;
    }

    /** Support-weighted F1, or NaN. */
    public double weightedF1() {
        return scored.hasReport() ? scored.report().weightedF1() : Double.NaN;
    }
}
