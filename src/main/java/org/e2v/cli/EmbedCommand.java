package org.e2v.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.common.AtomicFiles;
import org.e2v.common.CancellationToken;
import org.e2v.common.Csv;
import org.e2v.common.ProgressSink;
import org.e2v.domain.Corpus;
import org.e2v.domain.Utterance;
import org.e2v.experiment.embed.EmbeddingBundle;
import org.e2v.experiment.embed.EmbeddingResult;
import org.e2v.experiment.embed.EmbeddingService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code e2v embed}: embeddings of a corpus by an encoder, as CSV and/or as the model's shipped bundle. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed every utterance of a corpus with an encoder (features as the model file records) and "
                + "print a JSON summary; --out writes the embeddings as CSV (id, speaker, label, split, e0..eD-1) for "
                + "analysis elsewhere.",
                "--bundle writes <model>.embeddings beside the model: embeddings keyed by the audio's content, which "
                        + "the workbench and e2v verify use instead of embedding that audio again (the demo encoder "
                        + "ships one for the demo corpus). Exit code 2 when any utterance could not be embedded."})
public final class EmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "<m.e2vm>", description = "The encoder.")
    Path model;

    @Mixin
    CorpusOptions corpusOptions;

    @Option(names = "--out", paramLabel = "<embeddings.csv>", description = "Write the embeddings as CSV.")
    Path out;

    @Option(names = "--bundle", description = "Write the model's embedding bundle (<model>.embeddings) beside it.")
    boolean bundle;

    @Option(names = "--no-cache", description = "Do not read or write the embedding and feature caches (embed afresh).")
    boolean noCache;

    @Override
    public Integer call() throws IOException {
        Corpus loaded = corpusOptions.load();
        List<Utterance> utterances = loaded.utterances();
        EmbeddingService service = noCache || bundle ? new EmbeddingService(null, null) : EmbeddingService.standard();
        EmbeddingResult r = service.embed(model, utterances, ProgressSink.NONE, CancellationToken.NONE);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("model_hash", r.modelHash());
        json.put("corpus", loaded.root().toString());
        json.put("utterances", utterances.size());
        json.put("embedded", r.embeddings().size());
        json.put("dims", r.dims());
        json.put("cache_hits", r.cacheHits());
        if (out != null) {
            writeCsv(out, utterances, r);
            json.put("csv", out.toString());
        }
        if (bundle) {
            int n = EmbeddingBundle.write(model, r, utterances);
            json.put("bundle", EmbeddingBundle.fileFor(model).toString());
            json.put("bundle_entries", n);
        }
        json.put("problems", r.problems().stream().map(p -> Map.of("file", p.file(), "problem", p.problem())).toList());
        Json.print(spec.commandLine().getOut(), json);
        for (var p : r.problems()) {
            spec.commandLine().getErr().println("e2v: " + p.file() + ": " + p.problem());
        }
        return r.problems().isEmpty() ? 0 : Main.EXIT_BAD_INPUT;
    }

    private static void writeCsv(Path file, List<Utterance> utterances, EmbeddingResult r) {
        AtomicFiles.write(file, os -> {
            Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("id,speaker,label,split");
            for (int k = 0; k < r.dims(); k++) {
                head.append(",e").append(k);
            }
            w.write(head.append('\n').toString());
            for (Utterance u : utterances) {
                float[] v = r.embeddings().get(u.id());
                if (v == null) {
                    continue;
                }
                StringBuilder line = new StringBuilder();
                line.append(Csv.field(u.id())).append(',').append(Csv.field(u.speaker().id())).append(',')
                        .append(Csv.field(u.label().name())).append(',').append(u.split().name().toLowerCase(Locale.ROOT));
                for (float x : v) {
                    line.append(',').append(x);
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
    }

}
