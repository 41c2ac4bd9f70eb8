package org.e2v.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.e2v.experiment.chart.ChartData;

/**
 * What one margin's encoder makes of a run's enrollment: everything the margin explorer shows for
 * margin m of Eq. (4).
 *
 * @param margin       the margin m the encoder was pretrained with
 * @param model        its model file (models/&lt;fold&gt;/margin_&lt;m&gt;/best.e2vm)
 * @param map          PCA map of the queries and enrollment pool with enrolled samples and
 *                     prototypes marked (PCA fitted on this encoder's embeddings)
 * @param polar        polar-angle histograms (Sec. 5.1): reference class against each other class
 * @param uar          UAR of verifying the run's queries against the prototypes of the run's
 *                     enrolled samples (enrolled.csv), embedded by this encoder
 * @param weightedF1   weighted F1 of the same predictions
 * @param queries      number of queries verified
 * @param enrolled     the enrolled utterance ids per class
 */
public record MarginView(double margin, Path model, ChartData.EmbeddingScatter map, List<ChartData.PolarHistogram> polar,
                         double uar, double weightedF1, int queries, Map<String, List<String>> enrolled) {
    public MarginView {
        polar = List.copyOf(polar);
        enrolled = Map.copyOf(enrolled);
    }
}
