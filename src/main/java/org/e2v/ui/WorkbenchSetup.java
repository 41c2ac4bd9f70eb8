package org.e2v.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.e2v.audio.CaptureLineSource;
import org.e2v.audio.JavaSoundLineSource;
import org.e2v.common.AppInfo;
import org.e2v.experiment.workspace.CorpusRef;
import org.e2v.model.BackendInfo;
import org.e2v.ui.corpus.CorpusOpener;
import org.e2v.ui.corpus.CorpusScreen;

/**
 * What a workbench is made of: its screens (in navigation order), the services they call and
 * where it keeps its files. {@link #standard()} is the shipped configuration; tests build their
 * own with fakes.
 */
public final class WorkbenchSetup {
    private final List<ScreenRegistration> screens = new ArrayList<>();
    private CorpusOpener corpusOpener = CorpusOpener.unavailable();
    private Supplier<String> backendDescriber = WorkbenchSetup::describeBackend;
    private Path userDir = AppInfo.userDir();
    private CorpusRef startupCorpus;
    private CaptureLineSource captureSource = new JavaSoundLineSource();
    private Path resourcesDir = AppInfo.resourcesDir();

    /**
     * The shipped workbench: the screens completed so far, the demo corpus at start when it is
     * installed, and no corpus loader (wire one with {@link #corpusOpener}).
     */
    public static WorkbenchSetup standard() {
        WorkbenchSetup setup = new WorkbenchSetup().screen(CorpusScreen.REGISTRATION)
                .screen(org.e2v.ui.features.FeaturesScreen.REGISTRATION)
                .screen(org.e2v.ui.train.TrainScreen.REGISTRATION)
                .screen(org.e2v.ui.enroll.EnrollScreen.REGISTRATION)
                .screen(org.e2v.ui.analyses.AnalysesScreen.REGISTRATION)
                .corpusOpener(CorpusOpener.loaders());
        Path demo = setup.resourcesDir().resolve("demo").resolve("manifest.csv");
        if (Files.isRegularFile(demo)) {
            setup.startupCorpus(new CorpusRef(demo, "manifest"));
        }
        return setup;
    }

    /** Adds a screen at the end of the navigation. Ids must be unique. */
    public WorkbenchSetup screen(ScreenRegistration registration) {
        if (screens.stream().anyMatch(s -> s.id().equals(registration.id()))) {
            throw new IllegalArgumentException("a screen with id '" + registration.id() + "' is already registered");
        }
        screens.add(registration);
        return this;
    }

    /** Adds a screen at the end of the navigation. */
    public WorkbenchSetup screen(String id, String title, ScreenFactory factory) {
        return screen(new ScreenRegistration(id, title, factory));
    }

    /** How corpora are loaded (the loaders of org.e2v.data). */
    public WorkbenchSetup corpusOpener(CorpusOpener opener) {
        this.corpusOpener = Objects.requireNonNull(opener);
        return this;
    }

    /** Describes the compute backend for the status bar; runs once, in the background. */
    public WorkbenchSetup backendDescriber(Supplier<String> describer) {
        this.backendDescriber = Objects.requireNonNull(describer);
        return this;
    }

    /** Where settings and autosaves live (default {@link AppInfo#userDir()}). */
    public WorkbenchSetup userDir(Path dir) {
        this.userDir = Objects.requireNonNull(dir);
        return this;
    }

    /** The corpus opened at start when no workspace is restored; null for none. */
    public WorkbenchSetup startupCorpus(CorpusRef ref) {
        this.startupCorpus = ref;
        return this;
    }

    /** Where recordings come from (default: the system microphone). */
    public WorkbenchSetup captureSource(CaptureLineSource source) {
        this.captureSource = Objects.requireNonNull(source);
        return this;
    }

    /** The shipped resources folder (default {@link AppInfo#resourcesDir()}); never written to. */
    public WorkbenchSetup resourcesDir(Path dir) {
        this.resourcesDir = Objects.requireNonNull(dir);
        return this;
    }

    public CaptureLineSource captureSource() {
        return captureSource;
    }

    public Path resourcesDir() {
        return resourcesDir;
    }

    public List<ScreenRegistration> screens() {
        return List.copyOf(screens);
    }

    public CorpusOpener corpusOpener() {
        return corpusOpener;
    }

    public Supplier<String> backendDescriber() {
        return backendDescriber;
    }

    public Path userDir() {
        return userDir;
    }

    public Path settingsFile() {
        return userDir.resolve("settings.json");
    }

    public Path autosaveDir() {
        return userDir.resolve("autosave");
    }

    public CorpusRef startupCorpus() {
        return startupCorpus;
    }

    /** "ND4J cpu · openblas · 1 thread", loading ND4J's native library (about a second). */
    static String describeBackend() {
        BackendInfo.BackendDescription d = BackendInfo.describe();
        return "ND4J " + d.kind() + " · " + d.blasVendor() + " · " + d.ompThreads()
                + ("1".equals(d.ompThreads()) ? " thread" : " threads");
    }
}
