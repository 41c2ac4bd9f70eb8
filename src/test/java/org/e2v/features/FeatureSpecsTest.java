package org.e2v.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.e2v.common.E2vException;
import org.junit.jupiter.api.Test;

class FeatureSpecsTest {
    @Test
    void everyFieldOfEveryFeatureSetHasADescriptionAndDefault() {
        for (String kind : FeatureSpecs.AUDIO_KINDS) {
            List<SpecField> fields = FeatureSpecs.describe(kind);
            assertThat(fields).isNotEmpty();
            assertThat(fields).allSatisfy(f -> {
                assertThat(f.description()).isNotBlank();
                assertThat(f.defaultValue()).isNotBlank();
            });
        }
        assertThat(FeatureSpecs.describe("emobase")).extracting(SpecField::name)
                .startsWith("sampleRateHz", "frameMs", "hopMs").contains("lpcOrder", "normalisation");
        SpecField hop = FeatureSpecs.describe("emobase").get(2);
        assertThat(hop.defaultValue()).isEqualTo("10.0");
        assertThat(hop.type()).isEqualTo("double");
    }

    @Test
    void overridesReplaceFieldsAndKeepTheRest() {
        MfccSpec spec = (MfccSpec) FeatureSpecs.parse("mfcc", Map.of("coefficients", "20", "normalisation", "Speaker"));
        assertThat(spec.coefficients()).isEqualTo(20);
        assertThat(spec.normalisation()).isEqualTo(Normalisation.SPEAKER);
        assertThat(spec.melBands()).isEqualTo(MfccSpec.defaults().melBands());
        assertThat(spec.dims()).isEqualTo(40);
    }

    @Test
    void unknownFieldIsNamedInTheError() {
        E2vException e = assertThrows(E2vException.class, () -> FeatureSpecs.parse("logmel", Map.of("bands", "40")));
        assertThat(e.getMessage()).contains("bands").contains("melBands");
    }

    @Test
    void invalidValueIsReportedWithTheRule() {
        E2vException e = assertThrows(E2vException.class, () -> FeatureSpecs.parse("emobase", Map.of("lpcOrder", "7")));
        assertThat(e.getMessage()).contains("lpcOrder must be even");
        assertThrows(E2vException.class, () -> FeatureSpecs.parse("nosuchset", Map.of()));
    }

    @Test
    void canonicalJsonIsSortedAndRoundTrips() {
        EmobaseSpec spec = EmobaseSpec.defaults().withNormalisation(Normalisation.UTTERANCE);
        String json = FeatureSpecs.canonicalJson(spec);
        assertThat(json).startsWith("{\"cepstralLifter\":22,").contains("\"kind\":\"emobase\"")
                .contains("\"normalisation\":\"utterance\"");
        assertThat(FeatureSpecs.fromJson(json)).isEqualTo(spec);
    }

    @Test
    void cacheKeyIgnoresNormalisationButNotOtherFields() {
        AudioFeatureSpec a = LogMelSpec.defaults();
        assertThat(FeatureSpecs.cacheJson(a)).isEqualTo(FeatureSpecs.cacheJson(a.withNormalisation(Normalisation.SPEAKER)));
        assertThat(FeatureSpecs.cacheJson(a)).doesNotContain("normalisation");
        AudioFeatureSpec b = (AudioFeatureSpec) FeatureSpecs.parse("logmel", Map.of("melBands", "40"));
        assertThat(FeatureCache.key("h", null, a)).isNotEqualTo(FeatureCache.key("h", null, b));
    }

    @Test
    void npyChoiceBecomesAnImportSpec() {
        FeatureSpec spec = FeatureSpecs.parse("npy:/data/vq", Map.of("normalisation", "utterance"));
        assertThat(spec).isEqualTo(new ImportedFeatureSpec(Path.of("/data/vq"), Normalisation.UTTERANCE));
        assertThat(FeatureSpecs.fromJson(FeatureSpecs.canonicalJson(spec))).isEqualTo(spec);
    }
}
