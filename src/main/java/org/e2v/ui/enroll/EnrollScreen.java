package org.e2v.ui.enroll;

import java.nio.file.Path;
import org.e2v.audio.AudioFiles;
import org.e2v.common.AppInfo;
import org.e2v.common.StartupClock;
import org.e2v.experiment.enroll.VerifyService;
import org.e2v.ui.Screen;
import org.e2v.ui.ScreenRegistration;
import org.e2v.ui.WorkbenchContext;
import org.e2v.ui.corpus.ClipPlayer;
import javafx.scene.Node;

/** Screen "Enroll & verify": interactive Algorithm 1 on the open corpus. */
public final class EnrollScreen implements Screen {
    /** Registration with the standard embedding service and the shipped demo encoder. */
    public static final ScreenRegistration REGISTRATION = new ScreenRegistration("enroll", "Enroll & verify",
            context -> new EnrollScreen(context, (m, u, p, c) -> VerifyService.standard().embed(m, u, p, c),
                    AppInfo.resourcesDir().resolve("models").resolve("demo-encoder.e2vm"))).warmedOnStart();

    private final EnrollViewModel viewModel;
    private final EnrollView view;
    private final ClipPlayer player = new ClipPlayer();

    /**
     * @param embedder     embeds the corpus with an encoder
     * @param defaultModel encoder chosen at start when the workspace names none and the file exists
     */
    public EnrollScreen(WorkbenchContext context, EnrollViewModel.Embedder embedder, Path defaultModel) {
        viewModel = new EnrollViewModel(context.corpus().corpusProperty(), context.workspace(), context.tasks(), embedder,
                u -> player.play(AudioFiles.load(u.audio(), u.segment()), () -> { }), defaultModel);
        view = new EnrollView(viewModel, context.dialogs(), context.theme());
        viewModel.readyProperty().addListener((o, was, ready) -> {
            if (ready) {
                StartupClock.mark("encoder ready");
            }
        });
    }

    /** A registration with another embedder and default encoder (tests). */
    public static ScreenRegistration registration(EnrollViewModel.Embedder embedder, Path defaultModel) {
        return new ScreenRegistration("enroll", "Enroll & verify", context -> new EnrollScreen(context, embedder, defaultModel));
    }

    public EnrollViewModel viewModel() {
        return viewModel;
    }

    public EnrollView enrollView() {
        return view;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void hidden() {
        player.stop();
    }
}
