package org.e2v.audio;

/**
 * Receives level-meter blocks while recording. Called on the recorder's capture thread: a GUI
 * listener hands the value to the FX thread itself and must return quickly.
 */
@FunctionalInterface
public interface LevelListener {
    /** A listener that ignores levels. */
    LevelListener NONE = level -> { };

    void onLevel(Level level);
}
