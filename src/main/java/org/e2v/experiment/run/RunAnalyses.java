package org.e2v.experiment.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.e2v.experiment.chart.ChartData;

/**
 * What a run directory holds for display: its summary numbers and the data of every chart it can
 * draw, read back by {@link RunReader}. A chart is null (or a list empty) when the run did not
 * make that analysis.
 *
 * @param dir             the run directory
 * @param summary         headline metrics and notes
 * @param corpusPath      the corpus the run used (run.json corpus.path), or null when not recorded
 * @param corpusFormat    its loader format (run.json corpus.format), or "auto"
 * @param marginSweep     Fig. 2, or null
 * @param polarHistograms Fig. 3, one per class pair (reference class against each other class)
 * @param enrollmentCurve Fig. 4, or null
 * @param labelConfidence Fig. 5, or null
 * @param confusion       confusion of the first enrollment draw's predictions, or null
 * @param training        pretraining loss and validation UAR per epoch, or null
 * @param embeddings      2-D PCA map of the first fold's embeddings with enrolled samples and
 *                        prototypes marked, or null
 */
public record RunAnalyses(Path dir, RunSummary summary, Path corpusPath, String corpusFormat,
                          ChartData.MarginSweep marginSweep, List<ChartData.PolarHistogram> polarHistograms,
                          ChartData.EnrollmentCurve enrollmentCurve, ChartData.ConfidenceBars labelConfidence,
                          ChartData.Confusion confusion, ChartData.TrainingCurves training,
                          ChartData.EmbeddingScatter embeddings) {
    public RunAnalyses {
        polarHistograms = List.copyOf(polarHistograms);
    }

    /** Every chart the run has, in the order of the paper's figures, then the diagnostics. */
    public List<ChartData> charts() {
        List<ChartData> all = new ArrayList<>();
        if (marginSweep != null) {
            all.add(marginSweep);
        }
        all.addAll(polarHistograms);
        if (enrollmentCurve != null) {
            all.add(enrollmentCurve);
        }
        if (labelConfidence != null) {
            all.add(labelConfidence);
        }
        if (confusion != null) {
            all.add(confusion);
        }
        if (training != null) {
            all.add(training);
        }
        if (embeddings != null) {
            all.add(embeddings);
        }
        return all;
    }
}
