package org.e2v.ui.corpus;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.e2v.audio.Level;
import org.e2v.domain.Split;
import org.e2v.ui.Dialogs;

/**
 * The Corpus screen's "Record…" dialog: Start/Stop with a live level meter and the elapsed time,
 * then name, label, speaker and split, and Save or Discard. Everything it does is a call on the
 * {@link RecordingViewModel}; closing the dialog stops and discards an unsaved recording.
 */
final class RecordDialog {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private RecordDialog() {
    }

    /** Builds the dialog (not shown); closing it closes the view model. */
    static Dialog<ButtonType> create(RecordingViewModel vm, Dialogs dialogs) {
        Dialog<ButtonType> d = new Dialog<>();
        dialogs.prepare(d, "Record from the microphone");
        d.setHeaderText(null);
        d.getDialogPane().getStyleClass().add("record-dialog");
        d.getDialogPane().setContent(content(vm));
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.getDialogPane().setPrefWidth(560);
        d.setOnHidden(e -> vm.close());
        return d;
    }

    private static VBox content(RecordingViewModel vm) {
        Label message = new Label();
        message.setId("record-message");
        message.getStyleClass().add("record-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, a, b) -> message.pseudoClassStateChanged(ERROR, b));
        message.pseudoClassStateChanged(ERROR, vm.messageIsErrorProperty().get());

        Button toggle = new Button();
        toggle.setId("record-toggle");
        toggle.getStyleClass().add("accent");
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        toggle.setPrefWidth(136); // the same width for Start, Stop and Record another: the meter stays put
        toggle.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.stateProperty().get()) {
            case RECORDING -> "Stop";
            case STARTING -> "Starting…";
            case STOPPING -> "Stopping…";
            case SAVED -> "Record another";
            default -> "Start recording";
        }, vm.stateProperty()));
        toggle.disableProperty().bind(Bindings.createBooleanBinding(() -> switch (vm.stateProperty().get()) {
            case IDLE, SAVED, RECORDING -> false;
            default -> true;
        }, vm.stateProperty()));
        toggle.setOnAction(e -> {
            if (vm.stateProperty().get() == RecordingViewModel.State.RECORDING) {
                vm.stop();
            } else {
                vm.start();
            }
        });

        LevelMeter meter = new LevelMeter();
        meter.setId("record-meter");
        meter.rmsProperty().bind(Bindings.createDoubleBinding(
                () -> Level.meterFraction(vm.rmsDbfsProperty().get()), vm.rmsDbfsProperty()));
        meter.peakProperty().bind(Bindings.createDoubleBinding(
                () -> Level.meterFraction(vm.peakDbfsProperty().get()), vm.peakDbfsProperty()));
        HBox.setHgrow(meter, Priority.ALWAYS);
        meter.setMaxWidth(Double.MAX_VALUE);

        Label elapsed = new Label();
        elapsed.setId("record-elapsed");
        elapsed.getStyleClass().add("record-elapsed");
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        elapsed.textProperty().bind(Bindings.createStringBinding(() -> {
            double s = vm.elapsedSecondsProperty().get();
            return String.format(Locale.ROOT, "%d:%04.1f", (int) (s / 60), s % 60);
        }, vm.elapsedSecondsProperty()));

        Label levels = new Label();
        levels.setId("record-levels");
        levels.getStyleClass().add("muted");
        levels.textProperty().bind(Bindings.createStringBinding(() -> {
            double rms = vm.rmsDbfsProperty().get();
            double peak = vm.peakDbfsProperty().get();
            if (rms <= Level.FLOOR_DBFS && peak <= Level.FLOOR_DBFS) {
                return "Level: silent";
            }
            return String.format(Locale.ROOT, "Level %.0f dBFS · peak %.0f dBFS", rms, peak);
        }, vm.rmsDbfsProperty(), vm.peakDbfsProperty()));
        Label clip = new Label("Clipping");
        clip.setId("record-clipping");
        clip.getStyleClass().add("clip-badge");
        clip.setTooltip(new Tooltip("The input reached full scale: the recording is distorted. "
                + "Speak further from the microphone or lower its input gain."));
        clip.visibleProperty().bind(vm.clippedProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox levelRow = new HBox(8, levels, grow, clip);
        levelRow.setAlignment(Pos.CENTER_LEFT);

        HBox meterRow = new HBox(12, toggle, meter, elapsed);
        meterRow.setAlignment(Pos.CENTER_LEFT);

        GridPane form = form(vm);
        form.disableProperty().bind(vm.hasRecordingProperty().not());

        Button save = new Button("Save");
        save.setId("record-save");
        save.setDefaultButton(true);
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.hasRecordingProperty().not());
        save.setOnAction(e -> vm.save());
        Button discard = new Button("Discard");
        discard.setId("record-discard");
        discard.disableProperty().bind(vm.hasRecordingProperty().not());
        discard.setOnAction(e -> vm.discard());
        HBox actions = new HBox(8, save, discard);
        actions.setAlignment(Pos.CENTER_RIGHT);

        Label formTitle = new Label("Recording");
        formTitle.getStyleClass().add("section-title");
        VBox box = new VBox(12, message, meterRow, levelRow, formTitle, form, actions);
        box.setFillWidth(true);
        box.setPrefWidth(520);
        return box;
    }

    private static GridPane form(RecordingViewModel vm) {
        TextField name = new TextField();
        name.setId("record-name");
        name.setPromptText("file name and utterance id");
        name.textProperty().bindBidirectional(vm.nameProperty());

        ComboBox<String> label = new ComboBox<>(vm.labels());
        label.setId("record-label");
        label.setEditable(true);
        label.setPromptText("choose or type a label");
        label.setMaxWidth(Double.MAX_VALUE);
        label.setValue(vm.labelProperty().get());
        label.valueProperty().addListener((o, a, v) -> vm.labelProperty().set(v));
        // a typed new label counts without pressing Enter
        label.getEditor().textProperty().addListener((o, a, text) -> vm.labelProperty().set(text));

        TextField speaker = new TextField();
        speaker.setId("record-speaker");
        speaker.textProperty().bindBidirectional(vm.speakerProperty());

        ComboBox<Split> split = new ComboBox<>();
        split.setId("record-split");
        split.getItems().setAll(Split.UNASSIGNED, Split.TRAIN, Split.VALIDATION, Split.TEST);
        split.setConverter(new StringConverter<>() {
            @Override
            public String toString(Split s) {
                return s == null ? "" : s == Split.UNASSIGNED ? "none (unassigned)" : s.id();
            }

            @Override
            public Split fromString(String text) {
                return Split.parse(text);
            }
        });
        split.valueProperty().bindBidirectional(vm.splitProperty());
        split.setMaxWidth(Double.MAX_VALUE);

        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        g.getColumnConstraints().setAll(labels, fields);
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Label"), label);
        g.addRow(2, new Label("Speaker"), speaker);
        g.addRow(3, new Label("Split"), split);
        return g;
    }
}
