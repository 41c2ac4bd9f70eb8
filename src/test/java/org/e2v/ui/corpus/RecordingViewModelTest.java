package org.e2v.ui.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.e2v.audio.AudioFiles;
import org.e2v.audio.CaptureLine;
import org.e2v.audio.CaptureLineSource;
import org.e2v.common.E2vException;
import org.e2v.data.CorpusLoaders;
import org.e2v.data.LoaderOptions;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.workspace.WorkspaceModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Record…" dialog's logic without the FX toolkit, driven by a synthetic capture line. */
class RecordingViewModelTest {
    @TempDir
    Path dir;

    private final List<String> shownErrors = new ArrayList<>();
    private CorpusSession session;
    private CorpusViewModel corpusVm;
    private BackgroundRunner inline;
    private Path corpusDir;
    private final List<Utterance> saved = new ArrayList<>();

    /**
     * A line that delivers {@code samples} of a 300 Hz sine whose amplitude rises linearly from
     * 0.001 to 1.0 (so it clips at the end), then nothing.
     */
    static final class RisingSineLine implements CaptureLine {
        private final int samples;
        private int pos;

        RisingSineLine(int samples) {
            this.samples = samples;
        }

        @Override
        public void start() {
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int n = Math.min(length / 2, samples - pos);
            for (int i = 0; i < n; i++, pos++) {
                double amplitude = 0.001 + 0.999 * pos / (samples - 1.0);
                int v = (int) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * 300 * pos / 16_000.0));
                if (pos == samples - 1) {
                    v = 32767; // the last sample touches full scale
                }
                buffer[offset + 2 * i] = (byte) v;
                buffer[offset + 2 * i + 1] = (byte) (v >> 8);
            }
            return 2 * Math.max(0, n);
        }

        @Override
        public void stop() {
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        corpusDir = Files.createDirectories(dir.resolve("corpus"));
        TestCorpora.sixUtterances(corpusDir);
        StringBuilder manifest = new StringBuilder("path,speaker,label,split\n");
        String[] labels = {"angry", "sad", "neutral", "angry", "sad", "neutral"};
        for (int i = 0; i < 6; i++) {
            manifest.append("utt").append(i).append(".wav,s").append(i % 3 + 1).append(',').append(labels[i])
                    .append(',').append(i < 4 ? "train" : "test").append('\n');
        }
        Files.writeString(corpusDir.resolve("manifest.csv"), manifest);
        WorkspaceModel workspace = new WorkspaceModel();
        inline = BackgroundRunner.inline((context, error) -> shownErrors.add(error.getMessage()));
        session = new CorpusSession((path, format, progress, cancel) -> CorpusLoaders.load(path, format, LoaderOptions.defaults()),
                inline, workspace, (context, error) -> shownErrors.add(error.getMessage()));
        corpusVm = new CorpusViewModel(session, inline, Runnable::run, u -> AudioFiles.load(u.audio(), u.segment()),
                p -> AudioFiles.probe(p).durationSeconds(), new ClipPlayer());
    }

    private RecordingViewModel recorder(CaptureLineSource source) {
        return new RecordingViewModel(session, inline, Runnable::run, source, dir.resolve("resources"), dir.resolve("home"),
                u -> {
                    saved.add(u);
                    corpusVm.select(u.id());
                });
    }

    private static void awaitElapsed(RecordingViewModel vm, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (vm.elapsedSecondsProperty().get() < seconds - 1e-9 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void theMeterRisesWithTheSignalAndSavingAddsALabelledUtteranceToTheManifestCorpus() throws Exception {
        session.open(new CorpusRef(corpusDir.resolve("manifest.csv"), "manifest"));
        assertThat(corpusVm.visibleRows()).hasSize(6);
        RecordingViewModel vm = recorder(() -> new RisingSineLine(16_000));
        List<Double> rms = new CopyOnWriteArrayList<>();
        vm.rmsDbfsProperty().addListener((o, a, b) -> rms.add(b.doubleValue()));

        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(RecordingViewModel.State.RECORDING);
        awaitElapsed(vm, 1.0);
        vm.stop();

        assertThat(vm.stateProperty().get()).isEqualTo(RecordingViewModel.State.STOPPED);
        assertThat(vm.elapsedSecondsProperty().get()).isEqualTo(1.0);
        // 20 blocks of 50 ms: at most one update per block reaches the meter
        assertThat(vm.levelUpdates()).isBetween(1L, 20L);
        assertThat(rms.get(rms.size() - 1)).as("the last block is near full scale").isGreaterThan(-4.0);
        assertThat(rms.get(0)).as("the first block is quiet").isLessThan(-30.0);
        for (int i = 1; i < rms.size(); i++) {
            assertThat(rms.get(i)).as("level %d rises", i).isGreaterThan(rms.get(i - 1));
        }
        assertThat(vm.clippedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).startsWith("Recorded 1.0 s").contains("clipped");
        assertThat(vm.nameProperty().get()).startsWith("rec-");
        assertThat(vm.labels()).containsExactly("angry", "neutral", "sad");

        vm.nameProperty().set("my-take");
        vm.labelProperty().set("Calm");
        vm.speakerProperty().set("ann");
        vm.splitProperty().set(Split.TEST);
        vm.save();

        assertThat(shownErrors).isEmpty();
        assertThat(vm.messageIsErrorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.stateProperty().get()).isEqualTo(RecordingViewModel.State.SAVED);
        Path wav = corpusDir.resolve("recordings/my-take.wav");
        AudioClip clip = AudioFiles.load(wav, null);
        assertThat(clip.samples().length).isEqualTo(16_000);
        assertThat(clip.sampleRateHz()).isEqualTo(16_000);
        assertThat(clip.samples()[15_999]).isCloseTo(32767 / 32768f, within(1e-6f));
        // in the table at once, selected, with its label; the label filter offers the new label
        assertThat(corpusVm.visibleRows()).hasSize(7);
        UtteranceRow row = corpusVm.selectedProperty().get();
        assertThat(row.id()).isEqualTo("my-take");
        assertThat(row.utterance().label()).isEqualTo(EmotionLabel.of("calm"));
        assertThat(row.utterance().speaker().id()).isEqualTo("ann");
        assertThat(row.durationSeconds()).isEqualTo(1.0);
        assertThat(corpusVm.labels()).contains(EmotionLabel.of("calm"));
        assertThat(saved).extracting(Utterance::id).containsExactly("my-take");
        // and still there after reopening
        Corpus reopened = CorpusLoaders.load(corpusDir.resolve("manifest.csv"), "manifest", LoaderOptions.defaults());
        assertThat(reopened.utterances()).hasSize(7);
        assertThat(reopened.utterances().get(6)).isEqualTo(row.utterance());
        assertThat(vm.messageProperty().get()).contains("Saved my-take", "manifest.csv");
    }

    @Test
    void withoutAMicrophoneTheDialogSaysSoAndTheCorpusIsUntouched() throws Exception {
        session.open(new CorpusRef(corpusDir.resolve("manifest.csv"), "manifest"));
        String manifestBefore = Files.readString(corpusDir.resolve("manifest.csv"));
        Corpus before = session.corpus();
        RecordingViewModel vm = recorder(() -> {
            throw new E2vException("no microphone found: the system has no audio input that records 16 kHz 16-bit mono "
                    + "(connect a microphone or check the sound settings)");
        });
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(RecordingViewModel.State.IDLE);
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).startsWith("No microphone found: the system has no audio input")
                .doesNotContain("Exception");
        assertThat(vm.hasRecordingProperty().get()).isFalse();
        vm.save(); // nothing to save: ignored
        assertThat(session.corpus()).isSameAs(before);
        assertThat(Files.readString(corpusDir.resolve("manifest.csv"))).isEqualTo(manifestBefore);
        assertThat(shownErrors).isEmpty();
        assertThat(Files.exists(dir.resolve("home/recordings"))).isFalse();
    }

    @Test
    void aRecordingOfTheShippedCorpusGoesToTheUsersRecordingsAndStaysInTheTable() throws Exception {
        Path demo = Files.createDirectories(dir.resolve("resources/demo"));
        TestCorpora.writeSine(demo.resolve("d1.wav"), 200, 0.5, 0.5);
        Files.writeString(demo.resolve("manifest.csv"), "path,speaker,label\nd1.wav,s1,happy\n");
        session.open(new CorpusRef(demo.resolve("manifest.csv"), "manifest"));
        RecordingViewModel vm = recorder(() -> new RisingSineLine(8_000));
        vm.start();
        awaitElapsed(vm, 0.5);
        vm.stop();
        vm.nameProperty().set("mine");
        vm.labelProperty().set("happy");
        vm.save();
        assertThat(vm.messageProperty().get()).contains("shipped with e2v", "stays in the table");
        assertThat(Files.readString(demo.resolve("manifest.csv"))).isEqualTo("path,speaker,label\nd1.wav,s1,happy\n");
        assertThat(Files.list(demo).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("d1.wav", "manifest.csv");
        assertThat(AudioFiles.load(dir.resolve("home/recordings/mine.wav"), null).samples().length).isEqualTo(8_000);
        assertThat(Files.readString(dir.resolve("home/recordings/manifest.csv"))).contains("mine.wav,");
        assertThat(corpusVm.visibleRows()).extracting(UtteranceRow::id).containsExactly("d1", "mine");
        assertThat(session.sourceProperty().get().path()).isEqualTo(demo.resolve("manifest.csv"));
    }

    @Test
    void aNameAlreadyInTheCorpusKeepsTheRecordingForAnotherTry() throws Exception {
        session.open(new CorpusRef(corpusDir.resolve("manifest.csv"), "manifest"));
        RecordingViewModel vm = recorder(() -> new RisingSineLine(4_000));
        vm.start();
        awaitElapsed(vm, 0.25);
        vm.stop();
        vm.nameProperty().set("utt1");
        vm.labelProperty().set("sad");
        vm.save();
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).isEqualTo("The corpus already has an utterance named 'utt1'; choose another name.");
        assertThat(vm.stateProperty().get()).isEqualTo(RecordingViewModel.State.STOPPED);
        vm.labelProperty().set("");
        vm.nameProperty().set("utt1-again");
        vm.save();
        assertThat(vm.messageProperty().get()).startsWith("Choose a label");
        vm.labelProperty().set("sad");
        vm.save();
        assertThat(vm.stateProperty().get()).isEqualTo(RecordingViewModel.State.SAVED);
        assertThat(corpusVm.visibleRows()).hasSize(7);
    }

    @Test
    void discardLeavesNothingBehind() throws Exception {
        session.open(new CorpusRef(corpusDir.resolve("manifest.csv"), "manifest"));
        RecordingViewModel vm = recorder(() -> new RisingSineLine(4_000));
        vm.start();
        awaitElapsed(vm, 0.25);
        vm.stop();
        vm.discard();
        assertThat(vm.stateProperty().get()).isEqualTo(RecordingViewModel.State.IDLE);
        assertThat(vm.hasRecordingProperty().get()).isFalse();
        assertThat(Files.exists(corpusDir.resolve("recordings"))).isFalse();
        assertThat(corpusVm.visibleRows()).hasSize(6);
    }

    @Test
    void meterFractionMapsSixtyDecibelsOntoTheBar() {
        assertThat(org.e2v.audio.Level.meterFraction(0)).isEqualTo(1.0);
        assertThat(org.e2v.audio.Level.meterFraction(-30)).isEqualTo(0.5);
        assertThat(org.e2v.audio.Level.meterFraction(-120)).isEqualTo(0.0);
        assertThat(org.e2v.audio.Level.meterFraction(3)).isEqualTo(1.0);
    }
}
