package org.e2v.ui.corpus;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import org.e2v.domain.Utterance;

/** One row of the utterance table: the utterance and its duration, known once probed. */
public final class UtteranceRow {
    private final Utterance utterance;
    private final ReadOnlyDoubleWrapper durationSeconds;

    UtteranceRow(Utterance utterance, double durationSeconds) {
        this.utterance = utterance;
        this.durationSeconds = new ReadOnlyDoubleWrapper(this, "durationSeconds", durationSeconds);
    }

    public Utterance utterance() {
        return utterance;
    }

    public String id() {
        return utterance.id();
    }

    /** Duration in seconds; NaN until the file header has been read (or when it cannot be). */
    public ReadOnlyDoubleProperty durationSecondsProperty() {
        return durationSeconds.getReadOnlyProperty();
    }

    public double durationSeconds() {
        return durationSeconds.get();
    }

    void setDurationSeconds(double seconds) {
        durationSeconds.set(seconds);
    }
}
