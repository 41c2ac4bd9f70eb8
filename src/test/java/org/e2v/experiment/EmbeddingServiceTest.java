package org.e2v.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.e2v.common.CancellationToken;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Utterance;
import org.e2v.experiment.embed.EmbeddingResult;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.task.TaskFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingServiceTest {
    @TempDir
    Path dir;

    @Test
    void embedsWithTheModelsOwnFeaturesAndTheSecondCallHitsTheCache() throws IOException {
        Path manifest = SyntheticCorpus.write(dir.resolve("c"), List.of("angry", "happy", "neutral", "sad"), 4, 2, 0.4);
        Path task = dir.resolve("t.yaml");
        Files.writeString(task, """
                name: emb
                corpus: {path: %s}
                features: {extractor: logmel, normalization: utterance, max_frames: 48}
                pretrain:
                  encoder: {gru_hidden: 8, model_dim: 8, heads: 2, ff_dim: 16, dropout: 0.0}
                  training: {epochs: 1, per_class: 2, episodes_per_epoch: 1}
                task: {classes: [neutral, sad], enroll_count: 1, repeats: 1}
                """.formatted(manifest));
        RunResult run = new ExperimentRunner().run(TaskFiles.load(task), task,
                new RunOptions(dir.resolve("runs"), null, null, null), ExperimentListener.NONE, CancellationToken.NONE);
        Path model = run.runDir().resolve("model.e2vm");
        List<Utterance> utterances = CorpusLoaders.load(manifest, "auto", LoaderOptions.defaults()).utterances();

        EmbeddingService service = new EmbeddingService(dir.resolve("emb-cache"), null);
        EmbeddingResult first = service.embed(model, utterances, ProgressSink.NONE, CancellationToken.NONE);
        assertThat(first.embeddings()).hasSize(utterances.size());
        assertThat(first.dims()).isEqualTo(8);
        assertThat(first.cacheHits()).isZero();
        assertThat(first.modelHash()).hasSize(64);
        assertThat(first.classNames()).containsExactly("angry", "happy", "neutral", "sad");

        EmbeddingResult second = service.embed(model, utterances, ProgressSink.NONE, CancellationToken.NONE);
        assertThat(second.cacheHits()).isEqualTo(utterances.size());
        for (Utterance u : utterances) {
            assertThat(second.embeddings().get(u.id())).containsExactly(first.embeddings().get(u.id()));
        }
        // The run directory's own embeddings were made the same way (same crop, same features).
        String someQuery = Files.readAllLines(run.runDir().resolve("embeddings.csv")).get(1).split(",")[1];
        assertThat(first.embeddings()).containsKey(someQuery);
    }

    @Test
    void aFileThatIsNoModelGivesAClearError() throws IOException {
        Path bogus = dir.resolve("not-a-model.e2vm");
        Files.writeString(bogus, "hello");
        InputException e = assertThrows(InputException.class, () -> new EmbeddingService(null, null)
                .embed(bogus, List.of(), ProgressSink.NONE, CancellationToken.NONE));
        assertThat(e.getMessage()).contains("not-a-model.e2vm");
    }
}
