package org.e2v.ui.analyses;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Node;
import org.e2v.common.AppInfo;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.run.RunReader;
import org.e2v.ui.Screen;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.WorkbenchContext;
import org.e2v.ui.corpus.ClipPlayer;

/**
 * Screen 5: a run's figures and metrics, the embedding map with click-to-play, and the margin
 * explorer. Opens the workspace's run (the last run of the Train screen) when there is one.
 */
public final class AnalysesScreen implements Screen {
    /** Registration for {@link org.e2v.ui.WorkbenchSetup#screen(ScreenRegistration)}. */
    public static final ScreenRegistration REGISTRATION = new ScreenRegistration("analyses", "Analyses", AnalysesScreen::new);

    private final WorkbenchContext context;
    private final AnalysesViewModel viewModel;
    private final AnalysesView view;

    /** The screen with embeddings and features cached under the user folder ({@link AppInfo#userDir()}/cache). */
    public AnalysesScreen(WorkbenchContext context) {
        this(context, new EmbeddingService(AppInfo.userDir().resolve("cache").resolve("embeddings"),
                AppInfo.userDir().resolve("cache").resolve("features")));
    }

    /** The screen with the given embedding service (tests use a temporary cache). */
    public AnalysesScreen(WorkbenchContext context, EmbeddingService embeddings) {
        this.context = context;
        viewModel = new AnalysesViewModel(context.tasks(), Platform::runLater, embeddings, new ClipPlayer());
        view = new AnalysesView(viewModel, context.theme(), context.dialogs(), this::open);
        context.workspace().currentProperty().addListener((obs, o, w) -> {
            if (w != null && w.run() != null && (o == null || !w.run().equals(o.run()))) {
                openWorkspaceRun();
            }
        });
    }

    public AnalysesViewModel viewModel() {
        return viewModel;
    }

    /** The view (tests reach its cards and slider). */
    public AnalysesView analysesView() {
        return view;
    }

    /** Opens a run directory and records it as the workspace's run. */
    public void open(Path dir) {
        viewModel.open(dir, opened -> context.workspace().update(w -> opened.equals(w.run()) ? w : w.withRun(opened)));
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void shown() {
        openWorkspaceRun();
    }

    @Override
    public void hidden() {
        viewModel.stopPlayback();
    }

    private void openWorkspaceRun() {
        Path run = context.workspace().current().run();
        boolean alreadyOpen = viewModel.run() != null && viewModel.run().dir().equals(run);
        if (run != null && !alreadyOpen && Files.isDirectory(run) && RunReader.isRunDirectory(run)) {
            open(run);
        }
    }
}
