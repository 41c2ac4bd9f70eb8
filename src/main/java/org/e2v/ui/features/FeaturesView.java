package org.e2v.ui.features;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import org.e2v.ui.Theme;

/** The Features screen's layout: settings on the left; summary, utterances and the feature image on the right. */
public final class FeaturesView extends BorderPane {
    private final FeaturesViewModel vm;
    private final GridPane settings = new GridPane();
    private final FeatureImage image = new FeatureImage();

    public FeaturesView(FeaturesViewModel vm, javafx.beans.value.ObservableValue<Theme> theme, java.util.function.Supplier<javafx.stage.Window> owner) {
        this.vm = vm;
        ComboBox<String> kind = new ComboBox<>(vm.kinds);
        kind.setId("features-kind");
        kind.valueProperty().bindBidirectional(vm.kind);
        kind.setTooltip(new Tooltip("emobase (paper's openSMILE-like set), MFCC, log-mel, or import precomputed .npy features"));
        ComboBox<String> norm = new ComboBox<>();
        norm.getItems().setAll("none", "utterance", "speaker");
        norm.valueProperty().bindBidirectional(vm.normalisation);
        norm.setTooltip(new Tooltip("Mean-variance normalisation after extraction: none, utterance or speaker"));
        Button folder = new Button("Folder…");
        Label folderLabel = new Label();
        folderLabel.setId("features-import-folder");
        folderLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.importFolder.get() == null ? "no folder"
                : vm.importFolder.get().toString(), vm.importFolder));
        folder.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder of .npy feature files");
            java.io.File f = c.showDialog(owner.get());
            if (f != null) {
                vm.importFolder.set(f.toPath());
            }
        });
        HBox importRow = new HBox(6, folder, folderLabel);
        importRow.visibleProperty().bind(vm.kind.isEqualTo(FeaturesViewModel.IMPORT));
        importRow.managedProperty().bind(importRow.visibleProperty());
        settings.setHgap(8);
        settings.setVgap(5);
        vm.fields.addListener((ListChangeListener<FeaturesViewModel.Field>) c -> rebuild());
        rebuild();
        Button extract = new Button("Extract");
        extract.setId("features-extract");
        extract.setDefaultButton(true);
        extract.disableProperty().bind(vm.busyProperty().or(vm.corpus.isNull()));
        extract.setOnAction(e -> vm.extract());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Label error = new Label();
        error.textProperty().bind(vm.error);
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #c62828;");
        VBox left = new VBox(8, row("Extractor", kind), row("Normalisation", norm), importRow, settings,
                new HBox(8, extract, cancel), error);
        left.setPadding(new Insets(10));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setMinWidth(300);

        Label summary = new Label();
        summary.setId("features-summary");
        summary.textProperty().bind(Bindings.when(vm.summary.isEmpty())
                .then("No features yet: choose an extractor and press Extract (the open corpus is used)").otherwise(vm.summary));
        summary.setWrapText(true);
        ListView<String> problems = new ListView<>(vm.problems);
        problems.setPrefHeight(60);
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems));
        problems.managedProperty().bind(problems.visibleProperty());
        ListView<String> utterances = new ListView<>(vm.utteranceIds);
        utterances.setId("features-utterances");
        utterances.setPrefWidth(190);
        utterances.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedId.set(b);
            }
        });
        vm.selectedId.addListener((o, a, b) -> {
            if (b != null && !b.equals(utterances.getSelectionModel().getSelectedItem())) {
                utterances.getSelectionModel().select(b);
            }
        });
        image.setId("features-image");
        vm.selectedMatrix.addListener((o, a, m) -> {
            image.setAxes(vm.columns(), vm.hopSeconds());
            image.matrixProperty().set(m);
        });
        theme.addListener((o, a, t) -> applyTheme(t));
        applyTheme(theme.getValue());
        Label caption = new Label();
        caption.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedId.get() == null ? ""
                : vm.selectedId.get() + " – each feature scaled to its own range; hover for the column name", vm.selectedId));
        VBox imageBox = new VBox(4, caption, image);
        VBox.setVgrow(image, Priority.ALWAYS);
        SplitPane content = new SplitPane(utterances, imageBox);
        content.setDividerPositions(0.22);
        VBox right = new VBox(8, summary, problems, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        right.setPadding(new Insets(10));
        SplitPane split = new SplitPane(leftScroll, right);
        split.setDividerPositions(0.28);
        setCenter(split);
    }

    public FeatureImage image() {
        return image;
    }

    private void applyTheme(Theme t) {
        image.textColorProperty().set(t != null && t.name().toLowerCase(java.util.Locale.ROOT).contains("dark")
                ? Color.gray(0.85) : Color.gray(0.2));
    }

    private void rebuild() {
        settings.getChildren().clear();
        int r = 0;
        for (FeaturesViewModel.Field f : vm.fields) {
            Label l = new Label(f.spec().name());
            TextField t = new TextField();
            t.textProperty().bindBidirectional(f.value());
            t.setPrefColumnCount(8);
            Tooltip tip = new Tooltip(f.spec().description() + " (" + f.spec().type() + ", default " + f.spec().defaultValue() + ")");
            tip.setWrapText(true);
            tip.setMaxWidth(400);
            l.setTooltip(tip);
            t.setTooltip(tip);
            // integers and decimals: the text is checked as typed, the spec checks ranges at Extract
            t.textProperty().addListener((o, a, b) -> t.setStyle(valid(f.spec().type(), b) ? "" : "-fx-border-color: #c62828;"));
            settings.add(l, 0, r);
            settings.add(t, 1, r++);
        }
    }

    static boolean valid(String type, String text) {
        try {
            if (type.equals("int")) {
                Integer.parseInt(text.strip());
            } else if (type.equals("double")) {
                Double.parseDouble(text.strip());
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static HBox row(String label, javafx.scene.Node control) {
        Label l = new Label(label);
        l.setMinWidth(95);
        HBox h = new HBox(8, l, control);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }
}
