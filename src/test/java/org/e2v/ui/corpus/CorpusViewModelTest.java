package org.e2v.ui.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.e2v.audio.AudioFiles;
import org.e2v.common.E2vException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Split;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.workspace.WorkspaceModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Corpus screen's logic without the FX toolkit: background calls run inline. */
class CorpusViewModelTest {
    @TempDir
    Path dir;

    private final List<String> shownErrors = new ArrayList<>();
    private final List<Path> probed = new ArrayList<>();
    private Corpus corpus;
    private WorkspaceModel workspace;
    private CorpusSession session;
    private CorpusViewModel vm;

    @BeforeEach
    void setUp() {
        corpus = TestCorpora.sixUtterances(dir);
        workspace = new WorkspaceModel();
        BackgroundRunner inline = BackgroundRunner.inline((context, error) -> shownErrors.add(error.getMessage()));
        CorpusOpener opener = (path, format, progress, cancel) -> {
            if (path.getFileName().toString().equals("broken.csv")) {
                throw new E2vException(path + ": line 2 has 3 columns, expected 5");
            }
            if (path.getFileName().toString().equals("other.csv")) {
                return new Corpus("other", path, "manifest", corpus.utterances().subList(0, 2), List.of());
            }
            return corpus;
        };
        session = new CorpusSession(opener, inline, workspace, (context, error) -> shownErrors.add(error.getMessage()));
        vm = new CorpusViewModel(session, inline, Runnable::run, u -> AudioFiles.load(u.audio(), u.segment()),
                p -> {
                    probed.add(p);
                    return AudioFiles.probe(p).durationSeconds();
                }, new ClipPlayer());
    }

    @Test
    void emptyStateExplainsHowToOpenACorpus() {
        assertThat(vm.visibleRows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).startsWith("No corpus open").contains("manifest CSV");
        assertThat(vm.countTextProperty().get()).isEmpty();
    }

    @Test
    void openingFillsRowsFiltersProblemsAndRecordsTheCorpusInTheWorkspace() {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        assertThat(vm.visibleRows()).extracting(UtteranceRow::id)
                .containsExactly("utt0", "utt1", "utt2", "utt3", "utt4", "utt5");
        assertThat(vm.labels()).containsExactly(EmotionLabel.ANGRY, EmotionLabel.NEUTRAL, EmotionLabel.SAD);
        assertThat(vm.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(vm.problems()).hasSize(1);
        assertThat(vm.countTextProperty().get()).isEqualTo("6 utterances");
        assertThat(workspace.current().corpus()).isEqualTo(new CorpusRef(dir.resolve("manifest.csv"), "manifest"));
        assertThat(workspace.dirtyProperty().get()).isTrue();
    }

    @Test
    void durationsComeFromTheWavHeaders() {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        assertThat(probed).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(vm.visibleRows().get(i).durationSeconds()).isCloseTo(0.5 * (i + 1), within(1e-9));
        }
    }

    @Test
    void filtersCombineAndCountTheVisibleRows() {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        vm.labelFilterProperty().set(EmotionLabel.ANGRY);
        assertThat(vm.visibleRows()).extracting(UtteranceRow::id).containsExactly("utt0", "utt3");
        vm.splitFilterProperty().set(Split.TRAIN);
        assertThat(vm.visibleRows()).extracting(UtteranceRow::id).containsExactly("utt0", "utt3");
        vm.labelFilterProperty().set(null);
        vm.splitFilterProperty().set(Split.TEST);
        assertThat(vm.visibleRows()).extracting(UtteranceRow::id).containsExactly("utt4", "utt5");
        vm.splitFilterProperty().set(null);
        vm.filterTextProperty().set("  S2 ");
        assertThat(vm.visibleRows()).extracting(UtteranceRow::id).containsExactly("utt1", "utt4");
        assertThat(vm.countTextProperty().get()).isEqualTo("2 of 6 utterances");
        vm.filterTextProperty().set("nothing-matches");
        assertThat(vm.visibleRows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).isEqualTo("No utterance matches the filter.");
    }

    @Test
    void selectingARowComputesTheWaveformEnvelopeOfItsAudio() {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        assertThat(vm.previewStatusProperty().get()).startsWith("Select an utterance");
        vm.selectedProperty().set(vm.visibleRows().get(1));
        AudioPreview p = vm.previewProperty().get();
        assertThat(p).isNotNull();
        assertThat(p.durationSeconds()).isCloseTo(1.0, within(1e-9));
        // utt1 is a 0.6-amplitude 300 Hz sine of 16000 samples: 10 samples per envelope column,
        // each column's range holds the sine's value at the column's first sample
        int cols = CorpusViewModel.ENVELOPE_COLUMNS;
        assertThat(p.envelopeMin()).hasSize(cols);
        float lowest = 1;
        float highest = -1;
        for (int c = 0; c < cols; c++) {
            double first = 0.6 * Math.sin(2 * Math.PI * 300 * (c * 10) / 16000.0);
            assertThat((double) p.envelopeMin()[c]).isLessThanOrEqualTo(first + 1e-4);
            assertThat((double) p.envelopeMax()[c]).isGreaterThanOrEqualTo(first - 1e-4);
            lowest = Math.min(lowest, p.envelopeMin()[c]);
            highest = Math.max(highest, p.envelopeMax()[c]);
        }
        assertThat(highest).isCloseTo(0.6f, within(0.001f));
        assertThat(lowest).isCloseTo(-0.6f, within(0.001f));
        vm.selectedProperty().set(null);
        assertThat(vm.previewProperty().get()).isNull();
        assertThat(vm.previewStatusProperty().get()).startsWith("Select an utterance");
    }

    @Test
    void unreadableAudioShowsItsProblemInThePreviewArea() throws Exception {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        java.nio.file.Files.writeString(dir.resolve("utt2.wav"), "not audio");
        vm.selectedProperty().set(vm.visibleRows().get(2));
        assertThat(vm.previewProperty().get()).isNull();
        assertThat(vm.previewStatusProperty().get()).contains("utt2.wav").contains("is not a WAV file");
        assertThat(shownErrors).isEmpty();
    }

    @Test
    void explicitOpenFailureShowsADialogAndKeepsTheOpenCorpus() {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        vm.open(dir.resolve("broken.csv"), CorpusSource.MANIFEST);
        assertThat(shownErrors).containsExactly(dir.resolve("broken.csv") + ": line 2 has 3 columns, expected 5");
        assertThat(vm.visibleRows()).hasSize(6);
        assertThat(workspace.current().corpus().path()).isEqualTo(dir.resolve("manifest.csv"));
    }

    @Test
    void quietStartupFailureAppearsInTheEmptyStateInsteadOfADialog() {
        session.openQuietly(new CorpusRef(dir.resolve("broken.csv"), "manifest"));
        assertThat(shownErrors).isEmpty();
        assertThat(vm.emptyTextProperty().get()).startsWith(dir.resolve("broken.csv") + ": line 2 has 3 columns")
                .contains("No corpus open");
        assertThat(workspace.dirtyProperty().get()).isFalse();
    }

    @Test
    void openingAWorkspaceLoadsItsCorpus() {
        workspace.replace(org.e2v.experiment.workspace.Workspace.empty()
                .withCorpus(new CorpusRef(dir.resolve("manifest.csv"), "manifest")), dir.resolve("w.e2v.json"));
        assertThat(vm.visibleRows()).hasSize(6);
        assertThat(workspace.dirtyProperty().get()).isFalse();
        workspace.replace(org.e2v.experiment.workspace.Workspace.empty(), null);
        assertThat(vm.visibleRows()).isEmpty();
        assertThat(session.corpus()).isNull();
    }

    /** Writes {@code id}.npy holding a (frames, dims) array of ones. */
    private static void npy(Path folder, String id, int frames, int dims) throws Exception {
        java.nio.file.Files.createDirectories(folder);
        float[] data = new float[frames * dims];
        java.util.Arrays.fill(data, 1f);
        java.nio.file.Files.write(folder.resolve(id + ".npy"), org.e2v.features.Npy.toBytes(new int[] {frames, dims}, data));
    }

    @Test
    void checkingAFeatureFolderListsItsProblemsAndHandsItToTheFeaturesScreen() throws Exception {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        List<Path> handedOver = new ArrayList<>();
        vm.setFeatureHandoff(handedOver::add);
        Path folder = dir.resolve("vq");
        for (int i = 0; i < 5; i++) {
            npy(folder, "utt" + i, 4 + i, 3);
        }
        java.nio.file.Files.writeString(folder.resolve("utt3.npy"), "not an npy file"); // unreadable
        npy(folder, "stray", 2, 3); // matches no utterance
        vm.checkFeatures(folder);

        assertThat(vm.featureCheckTextProperty().get())
                .isEqualTo("Features in " + folder + ": 4 of 6 utterances matched, 3 dims. The Features screen will import them.");
        assertThat(vm.featureProblems()).hasSize(3);
        assertThat(vm.featureProblems().get(0).file()).endsWith("utt3.npy");
        assertThat(vm.featureProblems().get(1).file()).isEqualTo("utt5");
        assertThat(vm.featureProblems().get(1).problem()).startsWith("no features in " + folder + " (looked for 'utt5'");
        assertThat(vm.featureProblems().get(2).problem())
                .isEqualTo("1 feature entry matches no utterance of this corpus (e.g. stray); they are ignored");
        assertThat(handedOver).containsExactly(folder);
        assertThat(vm.checkedFeaturesProperty().get()).isEqualTo(folder);
        assertThat(vm.problems()).as("the corpus's own problems stay apart").hasSize(1);

        // opening another corpus drops the check: it belonged to the old one
        vm.open(dir.resolve("other.csv"), CorpusSource.MANIFEST);
        assertThat(vm.featureCheckTextProperty().get()).isNull();
        assertThat(vm.featureProblems()).isEmpty();
    }

    @Test
    void aFeatureFolderWithMixedDimensionsIsRefusedWithItsReason() throws Exception {
        vm.open(dir.resolve("manifest.csv"), CorpusSource.MANIFEST);
        List<Path> handedOver = new ArrayList<>();
        vm.setFeatureHandoff(handedOver::add);
        Path folder = dir.resolve("mixed");
        npy(folder, "utt0", 4, 3);
        npy(folder, "utt1", 4, 5);
        vm.checkFeatures(folder);
        assertThat(vm.featureCheckTextProperty().get()).startsWith("The features in " + folder + " cannot be used: ")
                .contains("feature dimension differs between files", "has 3 dims", "has 5");
        assertThat(handedOver).isEmpty();
        assertThat(vm.checkedFeaturesProperty().get()).isNull();

        vm.checkFeatures(dir.resolve("nothing-here"));
        assertThat(vm.featureCheckTextProperty().get()).contains("does not exist");
        assertThat(shownErrors).isEmpty();
    }
}
