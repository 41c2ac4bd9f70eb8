package org.e2v.ui.train;

import javafx.application.Platform;
import javafx.scene.Node;
import org.e2v.common.AppInfo;
import org.e2v.ui.Screen;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.WorkbenchContext;
import org.e2v.ui.features.FeaturesViewModel;

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
        // a feature folder checked on the Corpus screen becomes the feature set (the user may change it)
        String checked = context.workspace().current().uiState().get(FeaturesViewModel.IMPORT_STATE_KEY);
        if (checked != null && !checked.isBlank()) {
            viewModel.featureSet.set("npy:" + checked);
        }
        context.workspace().currentProperty().addListener((o, a, w) -> {
            String now = w.uiState().get(FeaturesViewModel.IMPORT_STATE_KEY);
            if (now != null && !now.equals(a == null ? null : a.uiState().get(FeaturesViewModel.IMPORT_STATE_KEY))) {
                viewModel.featureSet.set("npy:" + now);
            }
        });
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
