package org.e2v.ui.corpus;

import javafx.application.Platform;
import javafx.scene.Node;
import org.e2v.ui.Screen;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.WorkbenchContext;
import org.e2v.ui.features.FeaturesViewModel;

/**
 * Screen 1: browse, filter, preview and play the open corpus; open other corpora, record new
 * utterances, and check a folder of precomputed features before the Features screen imports it.
 */
public final class CorpusScreen implements Screen {
    /** Registration for {@link org.e2v.ui.WorkbenchSetup#screen(ScreenRegistration)}. */
    public static final ScreenRegistration REGISTRATION = new ScreenRegistration("corpus", "Corpus", CorpusScreen::new);

    private final CorpusViewModel viewModel;
    private final CorpusView view;

    public CorpusScreen(WorkbenchContext context) {
        viewModel = CorpusViewModel.standard(context.corpus(), context.tasks(), Platform::runLater);
        // the checked folder travels in the workspace, where the Features and Train screens pick it up
        viewModel.setFeatureHandoff(folder -> {
            context.workspace().update(w -> w.withUiState(FeaturesViewModel.IMPORT_STATE_KEY, folder.toString()));
            context.notify("Features in " + folder.getFileName() + " are ready to import on the Features screen.");
        });
        context.corpus().sourceProperty().addListener((o, before, now) -> {
            if (before != null && !before.equals(now)
                    && context.workspace().current().uiState().containsKey(FeaturesViewModel.IMPORT_STATE_KEY)) {
                // features checked against the previous corpus do not belong to the new one
                context.workspace().updateSilently(w -> w.withUiState(FeaturesViewModel.IMPORT_STATE_KEY, null));
            }
        });
        view = new CorpusView(viewModel, context.dialogs(), context.theme(),
                () -> new RecordingViewModel(context.corpus(), context.tasks(), Platform::runLater, context.captureSource(),
                        context.resourcesDir(), context.userDir(), u -> {
                            viewModel.select(u.id());
                            context.notify("Recorded " + u.id() + " (" + u.label().name() + ") was added to the corpus.");
                        }),
                () -> context.showScreen("features"));
    }

    public CorpusViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void hidden() {
        viewModel.stopPlayback();
    }
}
