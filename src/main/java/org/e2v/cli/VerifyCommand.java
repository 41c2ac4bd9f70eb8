package org.e2v.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.common.CancellationToken;
import org.e2v.domain.Corpus;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.enroll.EnrollmentSetFiles;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.enroll.PredictionsCsv;
import org.e2v.experiment.enroll.QuerySplit;
import org.e2v.experiment.enroll.VerifyRequest;
import org.e2v.experiment.enroll.VerifyResult;
import org.e2v.experiment.enroll.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code e2v verify}: Algorithm 1 headless. Reads the enrollment set the "Enroll & verify" screen
 * saves, so a GUI session is reproduced exactly from the command line.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Enroll the utterances of an enrollment set (class prototypes = mean embeddings) and verify "
                + "the query utterances by nearest prototype (cosine distance), printing UAR, weighted F1, the "
                + "confusion matrix and per-class metrics as JSON.",
                "The enrollment set is the file the workbench's Enroll & verify screen saves (Save set...). "
                + "Queries are the chosen split's utterances whose labels are among the enrolled classes "
                + "(--all-labels: every label, to test open-set rejection); enrolled utterances are never scored."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "<m.e2vm>", description = "The encoder that embeds enrolled and query utterances.")
    Path model;

    @Mixin
    CorpusOptions corpusOptions;

    @Option(names = "--enrollment", required = true, paramLabel = "<set.json>",
            description = "Enrollment set: class bins and their utterance ids (saved by the Enroll & verify screen).")
    Path enrollment;

    @Option(names = "--queries", defaultValue = "test", paramLabel = "test|validation|train|all",
            description = QuerySplit.DESCRIPTION + " (default: ${DEFAULT-VALUE})")
    String queries;

    @Option(names = "--all-labels",
            description = "Score queries of every label, not only of the enrolled classes (with --threshold: open-set rejection).")
    boolean allLabels;

    @Option(names = "--threshold", paramLabel = "<d>",
            description = "Open-set rejection: a query farther than this cosine distance (0..2) from every prototype "
                    + "is 'unknown'. Replaces the set's threshold; default: the set's (none = closed set).")
    Double threshold;

    @Option(names = "--predictions", paramLabel = "<out.csv>",
            description = "Also write the scored queries as CSV id,y_true,y_pred,d_<class>... (readable by e2v metrics).")
    Path predictions;

    @Option(names = "--no-cache", description = "Do not read or write the embedding and feature caches.")
    boolean noCache;

    @Override
    public Integer call() {
        if (threshold != null && !(threshold >= 0 && threshold <= 2)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be a cosine distance in [0, 2], got " + threshold);
        }
        QuerySplit split = QuerySplit.parse(queries);
        EnrollmentSet set = EnrollmentSetFiles.load(enrollment);
        Corpus loaded = corpusOptions.load();
        VerifyService service = noCache ? new VerifyService(new EmbeddingService(null, null)) : VerifyService.standard();
        VerifyResult r = service.verify(new VerifyRequest(model, loaded, set, enrollment, split, allLabels, threshold),
                org.e2v.common.ProgressSink.NONE, CancellationToken.NONE);
        if (!r.modelMatchesSet()) {
            spec.commandLine().getErr().println("e2v: warning: " + enrollment + " was saved with another encoder ("
                    + r.setModelHash() + "); verifying with " + model + " (" + r.modelHash()
                    + "), so the numbers will differ from the session that saved it");
        }
        if (predictions != null) {
            PredictionsCsv.write(predictions, r.verification(), r.scored());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.toString());
        out.put("model_hash", r.modelHash());
        out.put("model_matches_set", r.modelMatchesSet());
        out.put("enrollment", enrollment.toString());
        out.put("corpus", loaded.root().toString());
        out.put("queries", split.id());
        out.put("all_labels", allLabels);
        double maxDistance = r.verification().maxDistance();
        out.put("threshold", Double.isInfinite(maxDistance) ? null : maxDistance);
        out.put("classes", r.verification().classNames());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("enrolled", r.enrolledCounts());
        counts.put("queries_verified", r.verification().queryCount());
        counts.put("scored", r.scored().count());
        counts.put("not_embedded", r.problems().size());
        counts.put("embedding_cache_hits", r.cacheHits());
        out.put("counts", counts);
        out.putAll(MetricsCommand.report(r.scored().report()));
        if (predictions != null) {
            out.put("predictions", predictions.toString());
        }
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
