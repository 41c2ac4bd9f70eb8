package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.e2v.common.AppInfo;
import org.e2v.common.CancellationToken;
import org.e2v.common.ProgressSink;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.FeatureMatrix;
import org.e2v.domain.Utterance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every feature set yields finite values for every frame of every utterance of the shipped demo corpus. */
class DemoCorpusFeaturesTest {
    @ParameterizedTest
    @ValueSource(strings = {"emobase", "mfcc", "logmel"})
    void featuresAreFiniteOnTheWholeDemoCorpus(String kind) {
        Path manifest = AppInfo.resourcesDir().resolve("demo").resolve("manifest.csv");
        List<Utterance> utterances = CorpusLoaders.load(manifest, "manifest", LoaderOptions.defaults()).utterances();
        assertThat(utterances).hasSize(300);
        AudioFeatureSpec spec = FeatureSpecs.defaults(kind);
        FeatureResult result = new FeatureService(null, 0).extract(utterances, spec, ProgressSink.NONE, CancellationToken.NONE);
        assertThat(result.summary().problems()).isEmpty();
        assertThat(result.features()).hasSize(utterances.size());
        for (FeatureMatrix m : result.features().values()) {
            assertThat(m.dims()).isEqualTo(spec.dims());
            assertThat(m.frames()).isPositive();
            for (int i = 0; i < m.data().length; i++) {
                if (!Float.isFinite(m.data()[i])) {
                    throw new AssertionError(kind + " of " + m.utteranceId() + ": value at frame " + i / m.dims()
                            + ", dim " + i % m.dims() + " is " + m.data()[i]);
                }
            }
        }
    }
}
