package org.e2v.train;

/** Receives training progress on the training thread; a GUI listener hands it to the FX thread. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** After every optimisation step. */
    default void onStep(EpochProgress progress) {
    }

    /** After every epoch, with the validation UAR. */
    default void onEpoch(EpochProgress progress) {
    }

    /** A note worth showing (resumed from a checkpoint, stopped early, ...). */
    default void onMessage(String message) {
    }
}
