package org.e2v.experiment.enroll;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.e2v.common.AtomicFiles;
import org.e2v.common.Csv;
import org.e2v.enroll.VerificationResult;

/**
 * Writes the scored queries of a verification as CSV, {@code id,y_true,y_pred,d_<class>...}: the
 * first three columns are what {@code e2v metrics} reads; {@code d_<class>} is the cosine distance
 * to each class prototype, in bin order.
 */
public final class PredictionsCsv {
    private PredictionsCsv() {
    }

    /** Writes {@code file} atomically. */
    public static void write(Path file, VerificationResult result, ScoredQueries scored) {
        StringBuilder out = new StringBuilder("id,y_true,y_pred");
        List<String> classes = result.classNames();
        for (String c : classes) {
            out.append(',').append(Csv.field("d_" + c));
        }
        out.append('\n');
        int[] rows = scored.rows();
        for (int i = 0; i < rows.length; i++) {
            out.append(Csv.field(scored.ids().get(i))).append(',').append(Csv.field(scored.yTrue().get(i))).append(',')
                    .append(Csv.field(scored.yPred().get(i)));
            for (int c = 0; c < classes.size(); c++) {
                out.append(',').append(String.format(Locale.ROOT, "%.6f", result.distance(rows[i], c)));
            }
            out.append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
    }

}
