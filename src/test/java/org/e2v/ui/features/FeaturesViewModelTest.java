package org.e2v.ui.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.e2v.common.E2vException;
import org.e2v.domain.Corpus;
import org.e2v.domain.FeatureMatrix;
import org.e2v.features.AudioFeatureSpec;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.corpus.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Features screen's state without the FX toolkit (inline runner). */
class FeaturesViewModelTest {
    @TempDir
    Path dir;

    private final List<Throwable> errors = new ArrayList<>();

    private FeaturesViewModel vm() {
        return new FeaturesViewModel(BackgroundRunner.inline((t, e) -> errors.add(e)), dir.resolve("cache"));
    }

    @Test
    void settingsComeFromTheSpecDescriptionsAndOverrideTheDefaults() {
        FeaturesViewModel vm = vm();
        vm.kind.set("mfcc");
        assertThat(vm.fields).extracting(f -> f.spec().name()).contains("coefficients", "deltaOrder", "hopMs")
                .doesNotContain("normalisation");
        field(vm, "coefficients").value().set("20");
        field(vm, "deltaOrder").value().set("2");
        AudioFeatureSpec spec = (AudioFeatureSpec) vm.spec();
        assertThat(spec.dims()).isEqualTo(60); // 20 coefficients with deltas and delta-deltas
        assertThat(spec.normalisation().id()).isEqualTo("utterance");
        field(vm, "coefficients").value().set("many");
        E2vException e = assertThrows(E2vException.class, vm::spec);
        assertThat(e.getMessage()).contains("invalid mfcc settings");
        vm.kind.set(FeaturesViewModel.IMPORT);
        assertThat(vm.fields).isEmpty();
        assertThat(assertThrows(E2vException.class, vm::spec).getMessage()).contains("choose the folder of .npy files");
    }

    @Test
    void extractingTheOpenCorpusFillsTheSummaryAndSelectsTheFirstMatrix() throws Exception {
        Corpus corpus = TestCorpora.sixUtterances(java.nio.file.Files.createDirectories(dir.resolve("c")));
        FeaturesViewModel vm = vm();
        vm.kind.set("logmel");
        field(vm, "melBands").value().set("40");
        vm.corpus.set(corpus);
        assertThat(vm.extract()).isTrue();
        assertThat(errors).isEmpty();
        // utt0 is 0.5 s: 8000 samples, 400-sample frames every 160 samples = 48 frames
        FeatureMatrix m = vm.selectedMatrix.get();
        assertThat(vm.selectedId.get()).isEqualTo("utt0");
        assertThat(m.dims()).isEqualTo(40);
        assertThat(m.frames()).isEqualTo(48);
        assertThat(vm.summary.get()).startsWith("6 utterances").contains("40 dims").contains("0 cache hits")
                .contains("10.5 s audio");
        assertThat(vm.columns()).hasSize(40);
        assertThat(vm.hopSeconds()).isEqualTo(0.01);
        vm.selectedId.set("utt5");
        assertThat(vm.selectedMatrix.get().frames()).isEqualTo(298);
        vm.extract();
        assertThat(vm.summary.get()).contains("6 cache hits");
    }

    private static FeaturesViewModel.Field field(FeaturesViewModel vm, String name) {
        return vm.fields.stream().filter(f -> f.spec().name().equals(name)).findFirst().orElseThrow();
    }
}
