package org.e2v.ui.enroll;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One class bin of the Enroll screen: its name and the ids of its enrolled utterances, in order. */
public final class EnrollBin {
    private final ReadOnlyStringWrapper name;
    private final ObservableList<String> ids = FXCollections.observableArrayList();
    // One wrapper for the bin's life: an unmodifiable view listens to its source only weakly, so
    // a fresh wrapper per call could be collected and silently stop notifying its listeners.
    private final ObservableList<String> readOnlyIds = FXCollections.unmodifiableObservableList(ids);

    EnrollBin(String name) {
        this.name = new ReadOnlyStringWrapper(this, "name", name);
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public String name() {
        return name.get();
    }

    void rename(String newName) {
        name.set(newName);
    }

    /** Enrolled utterance ids (read-only to views; change them through the ViewModel). */
    public ObservableList<String> ids() {
        return readOnlyIds;
    }

    ObservableList<String> mutableIds() {
        return ids;
    }
}
