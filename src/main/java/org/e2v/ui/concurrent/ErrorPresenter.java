package org.e2v.ui.concurrent;

/** Shows a failed job's error to the user. */
@FunctionalInterface
public interface ErrorPresenter {
    /**
     * @param context what was being done ("Loading corpus"), used as the dialog title
     * @param error   what went wrong
     */
    void show(String context, Throwable error);
}
