package org.e2v.ui;

import javafx.application.Application;

/** Entry points that open the workbench window; they return when the window is closed. */
public final class Workbench {
    private Workbench() {
    }

    /** Opens the shipped workbench ({@link WorkbenchSetup#standard()}). */
    public static void launch(String[] args) {
        launch(args, WorkbenchSetup.standard());
    }

    /** Opens a workbench made of {@code setup}'s screens and services. */
    public static void launch(String[] args, WorkbenchSetup setup) {
        WorkbenchApp.prepare(setup);
        Application.launch(WorkbenchApp.class, args);
    }
}
