package org.e2v.ui.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.e2v.audio.CaptureLineSource;
import org.e2v.audio.Level;
import org.e2v.audio.Recorder;
import org.e2v.common.E2vException;
import org.e2v.data.LabelNames;
import org.e2v.data.RecordingStore;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;
import org.e2v.ui.concurrent.BackgroundRunner;
import org.e2v.ui.concurrent.UserError;

/**
 * The "Record…" dialog's state and actions: record from the microphone with a live level meter,
 * then name, label and save the recording into the open corpus ({@link RecordingStore} decides
 * where; docs/decisions/0073). Opening the line, stopping, saving and discarding run in the
 * background; the capture thread's level blocks (20 per second) are coalesced, so the FX thread
 * gets at most one pending update at a time. Testable without the FX toolkit.
 */
public final class RecordingViewModel {
    /** Where the dialog is in its cycle. */
    public enum State {
        /** Nothing recorded yet (or the last recording was discarded or saved). */
        IDLE,
        /** Opening the microphone. */
        STARTING,
        RECORDING,
        /** Waiting for the capture thread to finish. */
        STOPPING,
        /** A recording waits to be saved or discarded. */
        STOPPED,
        SAVING,
        /** The last recording was saved; another can be made. */
        SAVED
    }

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final CorpusSession session;
    private final BackgroundRunner runner;
    private final Executor fxThread;
    private final Path resourcesDir;
    private final Path userDir;
    private final Consumer<Utterance> onSaved;
    private final Recorder recorder;
    private final AtomicReference<Level> pendingLevel = new AtomicReference<>();

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyDoubleWrapper rmsDbfs = new ReadOnlyDoubleWrapper(this, "rmsDbfs", Level.FLOOR_DBFS);
    private final ReadOnlyDoubleWrapper peakDbfs = new ReadOnlyDoubleWrapper(this, "peakDbfs", Level.FLOOR_DBFS);
    private final ReadOnlyBooleanWrapper clipped = new ReadOnlyBooleanWrapper(this, "clipped");
    private final ReadOnlyDoubleWrapper elapsedSeconds = new ReadOnlyDoubleWrapper(this, "elapsedSeconds");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            "Press Start to record from the default microphone.");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty label = new SimpleStringProperty(this, "label", "");
    private final StringProperty speaker = new SimpleStringProperty(this, "speaker", "");
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split", Split.UNASSIGNED);
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private long levelUpdates;

    /**
     * @param session      the open corpus the recording joins
     * @param runner       background execution
     * @param fxThread     where level updates are applied ({@code Platform::runLater}; {@code Runnable::run} in tests)
     * @param source       the microphone (a synthetic line in tests)
     * @param resourcesDir the shipped resources folder, never written to
     * @param userDir      the user's e2v folder (recordings that cannot join the open corpus go there)
     * @param onSaved      told about each saved recording, on the FX thread, after it joined the corpus
     */
    public RecordingViewModel(CorpusSession session, BackgroundRunner runner, Executor fxThread, CaptureLineSource source,
                              Path resourcesDir, Path userDir, Consumer<Utterance> onSaved) {
        this.session = Objects.requireNonNull(session);
        this.runner = Objects.requireNonNull(runner);
        this.fxThread = Objects.requireNonNull(fxThread);
        this.resourcesDir = resourcesDir;
        this.userDir = Objects.requireNonNull(userDir);
        this.onSaved = onSaved == null ? u -> { } : onSaved;
        this.recorder = new Recorder(Objects.requireNonNull(source), this::levelArrived);
        Corpus c = session.corpus();
        if (c != null) {
            c.labels().forEach(l -> labels.add(l.name()));
        }
        String user = System.getProperty("user.name", "");
        speaker.set(user.isBlank() ? "me" : user.strip().replaceAll("[,\"\\s]+", "_"));
    }

    // ---- state for the view ----

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** RMS of the latest 50 ms block in dBFS ({@link Level#FLOOR_DBFS} before any sound). */
    public ReadOnlyDoubleProperty rmsDbfsProperty() {
        return rmsDbfs.getReadOnlyProperty();
    }

    /** Peak of the blocks since the last update in dBFS. */
    public ReadOnlyDoubleProperty peakDbfsProperty() {
        return peakDbfs.getReadOnlyProperty();
    }

    /** True once any block of this recording touched full scale. */
    public ReadOnlyBooleanProperty clippedProperty() {
        return clipped.getReadOnlyProperty();
    }

    /** Seconds recorded so far. */
    public ReadOnlyDoubleProperty elapsedSecondsProperty() {
        return elapsedSeconds.getReadOnlyProperty();
    }

    /** Instructions, the outcome of the last action, or what went wrong. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether {@link #messageProperty()} reports a failure (the view colours it). */
    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /** The recording's name: its file name without .wav and its utterance id. */
    public StringProperty nameProperty() {
        return name;
    }

    /** The emotion label: one of {@link #labels()} or a new one. */
    public StringProperty labelProperty() {
        return label;
    }

    public StringProperty speakerProperty() {
        return speaker;
    }

    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** The open corpus's labels, offered in the label box. */
    public ObservableList<String> labels() {
        return labels;
    }

    /** How many level updates reached the FX thread (the throttle's tests). */
    public long levelUpdates() {
        return levelUpdates;
    }

    /** Start is possible. */
    public BooleanBinding canStartProperty() {
        return Bindings.createBooleanBinding(() -> state.get() == State.IDLE || state.get() == State.SAVED, state);
    }

    /** Save and Discard are possible (a stopped recording waits). */
    public BooleanBinding hasRecordingProperty() {
        return state.isEqualTo(State.STOPPED);
    }

    // ---- actions ----

    /** Opens the microphone and starts recording; "No microphone found: ..." when there is none. */
    public void start() {
        if (state.get() != State.IDLE && state.get() != State.SAVED) {
            return;
        }
        state.set(State.STARTING);
        rmsDbfs.set(Level.FLOOR_DBFS);
        peakDbfs.set(Level.FLOOR_DBFS);
        clipped.set(false);
        elapsedSeconds.set(0);
        info("Opening the microphone…");
        runner.run("Opening the microphone", (p, c) -> {
            recorder.start();
            return true;
        }, ok -> {
            state.set(State.RECORDING);
            info("Recording… press Stop when done.");
        }, error -> {
            state.set(State.IDLE);
            error(error);
        });
    }

    /** Stops recording; the recording then waits for Save or Discard. */
    public void stop() {
        if (state.get() != State.RECORDING) {
            return;
        }
        state.set(State.STOPPING);
        runner.run("Stopping the recording", (p, c) -> recorder.stop(), seconds -> {
            pendingLevel.set(null);
            elapsedSeconds.set(seconds);
            state.set(State.STOPPED);
            if (name.get() == null || name.get().isBlank()) {
                name.set("rec-" + LocalDateTime.now().format(NAME_TIME));
            }
            info(String.format(Locale.ROOT, "Recorded %.1f s. Name and label it, then Save — or Discard it.", seconds)
                    + (clipped.get() ? " The input clipped: consider recording again further from the microphone." : ""));
        }, error -> {
            state.set(State.IDLE);
            error(error);
        });
    }

    /** Deletes the stopped recording. */
    public void discard() {
        if (state.get() != State.STOPPED) {
            return;
        }
        state.set(State.IDLE);
        elapsedSeconds.set(0);
        info("Recording discarded. Press Start to record again.");
        runner.run("Discarding the recording", (p, c) -> {
            recorder.close();
            return true;
        }, ok -> { }, error -> error(error));
    }

    /**
     * Saves the stopped recording as a 16 kHz mono WAV where {@link RecordingStore#plan} says, lists
     * it in its corpus and adds it to the open corpus in the table.
     */
    public void save() {
        if (state.get() != State.STOPPED) {
            return;
        }
        String recordingName;
        EmotionLabel emotion;
        Speaker who;
        try {
            recordingName = RecordingStore.checkName(name.get());
            if (label.get() == null || label.get().isBlank()) {
                throw new E2vException("choose a label for the recording (or type a new one)");
            }
            emotion = LabelNames.normalise(label.get());
            if (speaker.get() == null || speaker.get().isBlank()) {
                throw new E2vException("enter who is speaking (a speaker id)");
            }
            who = Speaker.of(speaker.get().strip());
        } catch (E2vException | IllegalArgumentException e) {
            error(e);
            return;
        }
        Split chosen = split.get() == null ? Split.UNASSIGNED : split.get();
        Corpus open = session.corpus();
        state.set(State.SAVING);
        info("Saving…");
        runner.run("Saving the recording", (p, c) -> {
            RecordingStore.Target target = RecordingStore.plan(open, resourcesDir, userDir, recordingName, emotion);
            recorder.save(target.wavFile());
            try {
                return new Saved(target, RecordingStore.list(target, who, emotion, chosen));
            } catch (RuntimeException e) {
                Files.deleteIfExists(target.wavFile()); // a WAV listed nowhere would surprise the user later
                throw e;
            }
        }, saved -> {
            state.set(State.SAVED);
            name.set("");
            if (!labels.contains(saved.utterance().label().name())) {
                labels.add(saved.utterance().label().name());
            }
            session.addRecording(saved.utterance(), saved.target());
            info(savedText(saved, open));
            onSaved.accept(saved.utterance());
        }, error -> {
            state.set(State.STOPPED);
            error(error);
        });
    }

    /**
     * Stops and forgets any unsaved recording and deletes the recorder's temporary file (the dialog
     * closes). A save already under way finishes.
     */
    public void close() {
        if (state.get() != State.SAVING) {
            state.set(State.IDLE);
        }
        runner.run("Closing the recorder", (p, c) -> {
            recorder.close();
            return true;
        }, ok -> { }, error -> { });
    }

    private static String savedText(Saved saved, Corpus open) {
        RecordingStore.Target t = saved.target();
        String id = saved.utterance().id();
        return switch (t.kind()) {
            case CORPUS_MANIFEST -> "Saved " + id + " to " + t.wavFile() + " and added it to " + t.listFile() + ".";
            case CORPUS_FOLDER -> "Saved " + id + " to " + t.wavFile() + " (speaker listed in " + t.listFile()
                    + "; folder corpora have no splits).";
            case USER_RECORDINGS -> "Saved " + id + " to " + t.wavFile() + " and listed it in " + t.listFile()
                    + " because " + t.reason() + "."
                    + (open == null ? " That manifest is now the open corpus."
                    : " It stays in the table until another corpus is opened; open that manifest to use your recordings later.");
        };
    }

    private void levelArrived(Level level) {
        // capture thread: coalesce, keeping the loudest peak of the blocks the FX thread has not seen
        Level previous = pendingLevel.getAndUpdate(p -> p == null ? level
                : new Level(level.endSeconds(), level.rmsDbfs(), Math.max(p.peakDbfs(), level.peakDbfs())));
        if (previous == null) {
            fxThread.execute(this::applyLevel);
        }
    }

    private void applyLevel() {
        Level l = pendingLevel.getAndSet(null);
        if (l == null || state.get() != State.RECORDING && state.get() != State.STARTING) {
            return;
        }
        levelUpdates++;
        rmsDbfs.set(l.rmsDbfs());
        peakDbfs.set(l.peakDbfs());
        elapsedSeconds.set(l.endSeconds());
        if (l.clipping()) {
            clipped.set(true);
        }
    }

    private void info(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void error(Throwable t) {
        String text = UserError.of(t).message();
        messageIsError.set(true);
        message.set(text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1)
                + (text.endsWith(".") || text.endsWith(")") ? "" : "."));
    }

    private record Saved(RecordingStore.Target target, Utterance utterance) {
    }
}
