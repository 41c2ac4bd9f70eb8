package org.e2v.ui;

/** Creates a {@link Screen} from the services and shared state of the running workbench. */
@FunctionalInterface
public interface ScreenFactory {
    Screen create(WorkbenchContext context);
}
