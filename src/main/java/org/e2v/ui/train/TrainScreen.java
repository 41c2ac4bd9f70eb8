package org.e2v.ui.train;

import javafx.application.Platform;
import javafx.scene.Node;
import org.e2v.common.AppInfo;
import org.e2v.ui.Screen;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.WorkbenchContext;

/** Screen 3: build a task in a form, train in the background with live curves, list and reuse runs. */
public final class TrainScreen implements Screen {
    /** Registration for {@link org.e2v.ui.WorkbenchSetup#screen(ScreenRegistration)}. */
    public static final ScreenRegistration REGISTRATION = new ScreenRegistration("train", "Train", TrainScreen::new);

    private final TrainViewModel viewModel;
    private final TrainView view;

    public TrainScreen(WorkbenchContext context) {
        viewModel = new TrainViewModel(context.tasks(), Platform::runLater, context.workspace(),
                AppInfo.userDir().resolve("runs"), AppInfo.userDir().resolve("cache").resolve("features"));
        view = new TrainView(viewModel);
        context.corpus().corpusProperty().addListener((o, a, b) -> sync(context));
        context.corpus().sourceProperty().addListener((o, a, b) -> sync(context));
        sync(context);
        viewModel.lookUpBackend();
        viewModel.refreshRuns();
    }

    private void sync(WorkbenchContext context) {
        var source = context.corpus().sourceProperty().get();
        viewModel.setCorpus(context.corpus().corpus(), source == null ? null : source.path(),
                source == null ? null : source.format());
    }

    public TrainViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void shown() {
        viewModel.refreshRuns();
    }
}
