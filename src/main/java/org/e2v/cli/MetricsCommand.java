package org.e2v.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.metrics.ClassificationReport;
import org.e2v.metrics.McNemarResult;
import org.e2v.metrics.Metrics;
import org.e2v.metrics.PredictionFiles;
import org.e2v.metrics.Predictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code e2v metrics pred.csv [--against pred2.csv]}: UAR, weighted F1, confusion, McNemar (JSON). */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Score predictions from a CSV with header id,y_true,y_pred: UAR (mean recall over the true "
                + "classes), weighted F1, accuracy, confusion matrix (rows true, columns predicted) and per-class "
                + "precision/recall/F1, printed as JSON. With --against, also McNemar's test between the two "
                + "systems on the same items (paired by id).")
public final class MetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PRED.csv", description = "Predictions of the system to score (columns id,y_true,y_pred).")
    Path predictions;

    @Option(names = "--against", paramLabel = "PRED2.csv",
            description = "Predictions of a second system on the same items, for McNemar's test.")
    Path against;

    @Override
    public Integer call() {
        Predictions a = PredictionFiles.read(predictions);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", predictions.toString());
        out.putAll(report(Metrics.evaluate(a.yTrue(), a.yPred())));
        if (against != null) {
            Predictions b = PredictionFiles.alignTo(a, predictions, PredictionFiles.read(against), against);
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("file", against.toString());
            other.putAll(report(Metrics.evaluate(b.yTrue(), b.yPred())));
            out.put("against", other);
            McNemarResult m = Metrics.mcNemar(a.yTrue(), a.yPred(), b.yPred());
            Map<String, Object> mc = new LinkedHashMap<>();
            mc.put("b_first_right_second_wrong", m.b());
            mc.put("c_first_wrong_second_right", m.c());
            mc.put("n_discordant", m.nDiscordant());
            mc.put("p_exact", m.pExact());
            mc.put("chi2_cc", m.chi2Cc());
            mc.put("p_chi2_cc", m.pChi2Cc());
            out.put("mcnemar", mc);
        }
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    static Map<String, Object> report(ClassificationReport<String> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", r.count());
        m.put("uar", r.uar());
        m.put("weighted_f1", r.weightedF1());
        m.put("accuracy", r.accuracy());
        m.put("uar_all_labels", r.uarAllLabels());
        m.put("labels", r.labels());
        m.put("true_classes", r.trueClasses());
        m.put("confusion", r.confusion());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (ClassificationReport.ClassMetrics<String> c : r.perClass()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", c.label());
            row.put("support", c.support());
            row.put("precision", c.precision());
            row.put("recall", c.recall());
            row.put("f1", c.f1());
            perClass.add(row);
        }
        m.put("per_class", perClass);
        return m;
    }
}
