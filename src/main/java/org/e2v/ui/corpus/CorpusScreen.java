package org.e2v.ui.corpus;

import javafx.application.Platform;
import javafx.scene.Node;
import org.e2v.ui.Screen;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.WorkbenchContext;

/** Screen 1: browse, filter, preview and play the open corpus; open other corpora. */
public final class CorpusScreen implements Screen {
    /** Registration for {@link org.e2v.ui.WorkbenchSetup#screen(ScreenRegistration)}. */
    public static final ScreenRegistration REGISTRATION = new ScreenRegistration("corpus", "Corpus", CorpusScreen::new);

    private final CorpusViewModel viewModel;
    private final CorpusView view;

    public CorpusScreen(WorkbenchContext context) {
        viewModel = CorpusViewModel.standard(context.corpus(), context.tasks(), Platform::runLater);
        view = new CorpusView(viewModel, context.dialogs(), context.theme());
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
