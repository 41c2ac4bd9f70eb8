package org.e2v.ui;

import javafx.scene.Node;

/**
 * One screen of the workbench (Corpus, Features, Train, Enroll &amp; verify, Analyses). The shell
 * creates it through its {@link ScreenFactory} the first time the user navigates to it, puts
 * {@link #view()} in the main area, and tells it when it becomes visible or hidden.
 */
public interface Screen {
    /** The screen's content; called once, on the FX thread. */
    Node view();

    /** Called on the FX thread each time the screen becomes visible (refresh cheap state here). */
    default void shown() {
    }

    /** Called on the FX thread when another screen replaces it. */
    default void hidden() {
    }
}
