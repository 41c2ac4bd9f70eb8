package org.e2v.ui.features;

import javafx.scene.Node;
import org.e2v.common.AppInfo;
import org.e2v.ui.Screen;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.WorkbenchContext;

/** Screen 2: extract (or import) frame features of the open corpus and look at them. */
public final class FeaturesScreen implements Screen {
    /** Registration for {@link org.e2v.ui.WorkbenchSetup#screen(ScreenRegistration)}. */
    public static final ScreenRegistration REGISTRATION = new ScreenRegistration("features", "Features", FeaturesScreen::new);

    private final FeaturesViewModel viewModel;
    private final FeaturesView view;

    public FeaturesScreen(WorkbenchContext context) {
        viewModel = new FeaturesViewModel(context.tasks(), AppInfo.userDir().resolve("cache").resolve("features"));
        viewModel.corpus.bind(context.corpus().corpusProperty());
        view = new FeaturesView(viewModel, context.theme(), context::window);
        followHandoff(context.workspace().current().uiState().get(FeaturesViewModel.IMPORT_STATE_KEY));
        context.workspace().currentProperty().addListener((o, a, w) -> {
            String before = a == null ? null : a.uiState().get(FeaturesViewModel.IMPORT_STATE_KEY);
            String now = w.uiState().get(FeaturesViewModel.IMPORT_STATE_KEY);
            if (now != null && !now.equals(before)) {
                followHandoff(now);
            }
        });
    }

    private void followHandoff(String folder) {
        if (folder != null && !folder.isBlank()) {
            viewModel.useImportFolder(java.nio.file.Path.of(folder));
        }
    }

    public FeaturesViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Node view() {
        return view;
    }
}
