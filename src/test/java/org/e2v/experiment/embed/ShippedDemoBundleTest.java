package org.e2v.experiment.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.e2v.common.AppInfo;
import org.e2v.common.CancellationToken;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.Utterance;
import org.junit.jupiter.api.Test;

/**
 * The demo encoder's shipped embedding bundle belongs to the shipped encoder, covers the demo
 * corpus, and holds what the encoder computes (one speaker recomputed: the demo encoder normalises
 * features per speaker, so a whole speaker gives the same statistics as the whole corpus).
 */
class ShippedDemoBundleTest {
    @Test
    void theShippedBundleMatchesTheShippedEncoderOnTheDemoCorpus() {
        Path model = AppInfo.resourcesDir().resolve("models").resolve("demo-encoder.e2vm");
        EmbeddingBundle bundle = EmbeddingBundle.read(EmbeddingBundle.fileFor(model));
        assertThat(bundle.modelHash()).as("regenerate the bundle after changing the demo encoder: see resources/models/README.md")
                .isEqualTo(EmbeddingService.sha256(model));
        List<Utterance> all = CorpusLoaders.load(AppInfo.resourcesDir().resolve("demo").resolve("manifest.csv"), "manifest",
                LoaderOptions.defaults()).utterances();
        assertThat(all).allSatisfy(u -> assertThat(bundle.get(u)).as(u.id()).isNotNull());

        String speaker = all.get(0).speaker().id();
        List<Utterance> one = all.stream().filter(u -> u.speaker().id().equals(speaker)).toList();
        EmbeddingResult recomputed = new EmbeddingService(null, null).embed(model, one, ProgressSink.NONE, CancellationToken.NONE);
        assertThat(recomputed.embeddings()).hasSize(one.size());
        for (Utterance u : one) {
            float[] shipped = bundle.get(u);
            float[] now = recomputed.embeddings().get(u.id());
            for (int k = 0; k < now.length; k++) {
                assertThat(shipped[k]).as(u.id() + "[" + k + "]").isCloseTo(now[k], within(1e-4f));
            }
        }
    }
}
