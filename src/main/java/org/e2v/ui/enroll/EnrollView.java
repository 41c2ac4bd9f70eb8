package org.e2v.ui.enroll;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.e2v.domain.Utterance;
import org.e2v.experiment.chart.ChartTheme;
import org.e2v.experiment.chart.Charts;
import org.e2v.experiment.enroll.QuerySplit;
import org.e2v.ui.Dialogs;
import org.e2v.ui.Theme;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Enroll &amp; verify screen's controls: the corpus list (left), the class bins (centre) and
 * the live results (right: UAR and weighted F1, polar histogram, confusion matrix, per-query
 * table). Utterances move by drag and drop (a custom data format carrying their ids) or by keys:
 * 1..9 enroll the selection into that bin, Delete removes it, Space plays it.
 */
public final class EnrollView extends BorderPane {
    /** Drag-and-drop payload: utterance ids, one per line. */
    static final DataFormat UTTERANCE_IDS = dataFormat("application/x-e2v-utterance-ids");

    static final String HELP = """
            Enroll & verify (Algorithm 1): each bin is a new class; its prototype is the mean embedding of the \
            utterances you drop into it (about ten per class is enough). Every query of the chosen split is given \
            the class of the nearest prototype (cosine distance) and the results update at once.
            Drag utterances from the list into a bin, or select them and press 1-9; drag them back (or onto the \
            bin area's trash) or press Delete to remove them; Space plays the selection.
            Save set... writes the enrollment set that the command line reads, so this session is reproducible \
            headless:  e2v verify --model <encoder.e2vm> --corpus <corpus> --enrollment <set.json>""";

    private final EnrollViewModel vm;
    private final Dialogs dialogs;
    private final ReadOnlyObjectProperty<Theme> theme;
    private final ListView<Utterance> corpusList = new ListView<>();
    private final VBox binBox = new VBox(10);
    private final List<ListView<String>> binLists = new ArrayList<>();
    private final ChartViewer polarViewer = new ChartViewer();
    private final ChartViewer confusionViewer = new ChartViewer();
    private final TableView<QueryRow> queryTable = new TableView<>();
    private final Label uar = new Label("–");
    private final Label f1 = new Label("–");
    private final Label detail = new Label();
    private List<String> tableClasses = List.of();
    private long lastDrawNanos;

    public EnrollView(EnrollViewModel vm, Dialogs dialogs, ReadOnlyObjectProperty<Theme> theme) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.theme = theme;
        getStyleClass().addAll("screen", "enroll-screen");
        setTop(new VBox(toolbar(), noticeBanner()));
        SplitPane split = new SplitPane(corpusPane(), binsPane(), resultsPane());
        split.setDividerPositions(0.24, 0.47);
        setCenter(split);
        vm.resultsProperty().addListener((o, a, r) -> showResults(r));
        theme.addListener((o, a, t) -> showResults(vm.resultsProperty().get()));
        vm.bins().addListener((ListChangeListener<EnrollBin>) c -> rebuildBins());
        rebuildBins();
        showResults(vm.resultsProperty().get());
    }

    /** The corpus list (tests). */
    public ListView<Utterance> corpusList() {
        return corpusList;
    }

    /** The list of bin {@code index} (tests). */
    public ListView<String> binList(int index) {
        return binLists.get(index);
    }

    /** The polar histogram viewer (tests). */
    public ChartViewer polarViewer() {
        return polarViewer;
    }

    // ---- top ----

    private Node toolbar() {
        Button open = new Button("Open model...");
        open.setId("enroll-open-model");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> chooseModel());
        Label model = new Label();
        model.setId("enroll-model");
        model.getStyleClass().add("muted");
        model.textProperty().bind(Bindings.createStringBinding(() -> vm.modelProperty().get() == null ? "No encoder"
                : "Encoder: " + vm.modelProperty().get().getFileName(), vm.modelProperty()));

        ComboBox<QuerySplit> queries = new ComboBox<>();
        queries.getItems().setAll(QuerySplit.values());
        queries.valueProperty().bindBidirectional(vm.querySplitProperty());
        queries.setTooltip(new Tooltip(QuerySplit.DESCRIPTION));
        Label queriesLabel = new Label("Verify:");
        CheckBox allLabels = new CheckBox("All labels");
        allLabels.setId("enroll-all-labels");
        allLabels.selectedProperty().bindBidirectional(vm.allLabelsProperty());
        allLabels.setTooltip(new Tooltip("Also count queries whose class nobody enrolled (with the threshold: open-set rejection)."));

        CheckBox thresholdOn = new CheckBox("Unknown beyond");
        thresholdOn.setId("enroll-threshold-on");
        thresholdOn.selectedProperty().bindBidirectional(vm.thresholdEnabledProperty());
        thresholdOn.setTooltip(new Tooltip("Open-set rejection: a query farther than this cosine distance from every "
                + "prototype is predicted 'unknown'. Off: the closed-set rule of Algorithm 1."));
        Slider slider = new Slider(0, 2, vm.thresholdProperty().get());
        slider.setId("enroll-threshold");
        slider.setPrefWidth(140);
        slider.valueProperty().bindBidirectional(vm.thresholdProperty());
        slider.disableProperty().bind(thresholdOn.selectedProperty().not());
        Label value = new Label();
        value.textProperty().bind(Bindings.format(Locale.ROOT, "%.2f", vm.thresholdProperty()));
        value.setMinWidth(34);

        Button save = new Button("Save set...");
        save.setId("enroll-save");
        save.setOnAction(e -> chooseFile(true));
        Button load = new Button("Load set...");
        load.setId("enroll-load");
        load.setOnAction(e -> chooseFile(false));
        Label help = new Label("?");
        help.getStyleClass().add("help-badge");
        Tooltip helpTip = new Tooltip(HELP);
        helpTip.setWrapText(true);
        helpTip.setMaxWidth(520);
        help.setTooltip(helpTip);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, open, model, spacer, queriesLabel, queries, allLabels, thresholdOn, slider, value, save, load, help);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        // In a narrow window only the encoder's file name gives way (it ellipsizes); the controls
        // keep their labels readable instead of shrinking to "Open mod...".
        for (Node child : bar.getChildren()) {
            if (child != model && child != spacer && child instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        model.setMinWidth(60);
        return bar;
    }

    private Node noticeBanner() {
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty().bind(vm.noticeProperty());
        Button close = new Button("Dismiss");
        close.getStyleClass().add("small");
        HBox banner = new HBox(10, text, close);
        banner.setId("enroll-notice");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("banner");
        banner.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        close.setOnAction(e -> vm.dismissNotice());
        VBox.setMargin(banner, new javafx.geometry.Insets(0, 0, 10, 0));
        return banner;
    }

    // ---- left: corpus list ----

    private Node corpusPane() {
        Label title = new Label("Utterances");
        title.getStyleClass().add("section-title");
        ComboBox<QuerySplit> split = new ComboBox<>();
        split.getItems().setAll(QuerySplit.values());
        split.valueProperty().bindBidirectional(vm.enrollSplitProperty());
        split.setTooltip(new Tooltip("Which split the list offers for enrollment (default validation)."));
        ComboBox<String> label = filterCombo("All labels", vm.labels(), () -> vm.labelFilterProperty());
        label.setId("enroll-label-filter");
        ComboBox<String> speaker = filterCombo("All speakers", vm.speakers(), () -> vm.speakerFilterProperty());
        speaker.setId("enroll-speaker-filter");
        split.setPrefWidth(120);
        label.setMaxWidth(Double.MAX_VALUE);
        speaker.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(label, Priority.ALWAYS);
        HBox.setHgrow(speaker, Priority.ALWAYS);
        HBox filters = new HBox(6, label, speaker);
        Label splitLabel = new Label("Enroll from:");
        HBox splitRow = new HBox(6, splitLabel, split);
        splitRow.setAlignment(Pos.CENTER_LEFT);

        corpusList.setId("enroll-corpus-list");
        corpusList.setItems(vm.visibleCandidates());
        corpusList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        corpusList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Utterance u, boolean empty) {
                super.updateItem(u, empty);
                setText(empty || u == null ? null : u.id() + "   " + u.label().name() + " · " + u.speaker().id());
            }
        });
        Label empty = new Label("No utterances to enroll in this split.");
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        corpusList.setPlaceholder(empty);
        dragSource(corpusList, () -> corpusList.getSelectionModel().getSelectedItems().stream().map(Utterance::id).toList());
        dropTarget(corpusList, ids -> vm.unenroll(ids));
        keys(corpusList, () -> corpusList.getSelectionModel().getSelectedItems().stream().map(Utterance::id).toList(), false);
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.size(vm.visibleCandidates()).asString("%d utterances · drag into a bin or press 1-9"));
        VBox.setVgrow(corpusList, Priority.ALWAYS);
        VBox pane = new VBox(8, title, splitRow, filters, corpusList, count);
        pane.setMinWidth(220);
        return pane;
    }

    // ---- centre: bins ----

    private Node binsPane() {
        Label title = new Label("Class bins");
        title.getStyleClass().add("section-title");
        Button add = new Button("Add bin");
        add.setId("enroll-add-bin");
        add.getStyleClass().add("small");
        add.setOnAction(e -> askName("Add class bin", "Name of the new class:", "").ifPresent(n -> guarded(() -> vm.addBin(n))));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, add);
        head.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(binBox);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("bins-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label trash = new Label("Drop here to remove from its bin");
        trash.setId("enroll-trash");
        trash.getStyleClass().add("drop-trash");
        trash.setMaxWidth(Double.MAX_VALUE);
        trash.setAlignment(Pos.CENTER);
        dropTarget(trash, ids -> vm.unenroll(ids));
        VBox pane = new VBox(8, head, scroll, trash);
        pane.setMinWidth(240);
        return pane;
    }

    private void rebuildBins() {
        binBox.getChildren().clear();
        binLists.clear();
        for (int i = 0; i < vm.bins().size(); i++) {
            binBox.getChildren().add(binPane(i, vm.bins().get(i)));
        }
    }

    private Node binPane(int index, EnrollBin bin) {
        Label name = new Label();
        name.getStyleClass().add("bin-title");
        name.textProperty().bind(Bindings.createStringBinding(() -> (index < 9 ? (index + 1) + "  " : "") + bin.name()
                + "  (" + bin.ids().size() + ")", bin.nameProperty(), bin.ids()));
        MenuItem rename = new MenuItem("Rename...");
        rename.setOnAction(e -> askName("Rename class bin", "New name:", bin.name())
                .ifPresent(n -> guarded(() -> vm.renameBin(index, n))));
        MenuItem remove = new MenuItem("Remove bin");
        remove.setOnAction(e -> vm.removeBin(index));
        Button menu = new Button("...");
        menu.getStyleClass().add("small");
        ContextMenu cm = new ContextMenu(rename, remove);
        menu.setOnAction(e -> cm.show(menu, javafx.geometry.Side.BOTTOM, 0, 0));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(6, name, spacer, menu);
        head.setAlignment(Pos.CENTER_LEFT);

        ListView<String> list = new ListView<>(bin.ids());
        list.setId("enroll-bin-list-" + index);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPrefHeight(150);
        list.setMinHeight(110);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                if (empty || id == null) {
                    setText(null);
                } else {
                    Utterance u = vm.utterance(id);
                    setText(u == null ? id + "   (not in corpus)" : id + "   " + u.label().name());
                }
            }
        });
        Label empty = new Label("Drag utterances here to enroll them");
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        empty.setPadding(new javafx.geometry.Insets(0, 12, 0, 12));
        list.setPlaceholder(empty);
        dragSource(list, () -> List.copyOf(list.getSelectionModel().getSelectedItems()));
        keys(list, () -> List.copyOf(list.getSelectionModel().getSelectedItems()), true);
        binLists.add(list);
        VBox pane = new VBox(4, head, list);
        pane.setId("enroll-bin-" + index);
        VBox.setVgrow(pane, Priority.ALWAYS);
        pane.getStyleClass().add("enroll-bin");
        dropTarget(pane, ids -> vm.enroll(index, ids));
        return pane;
    }

    // ---- right: results ----

    private Node resultsPane() {
        uar.setId("enroll-uar");
        f1.setId("enroll-f1");
        uar.getStyleClass().add("big-number");
        f1.getStyleClass().add("big-number");
        Label uarCaption = new Label("UAR");
        Label f1Caption = new Label("Weighted F1");
        uarCaption.getStyleClass().add("muted");
        f1Caption.getStyleClass().add("muted");
        HBox numbers = new HBox(28, new VBox(0, uar, uarCaption), new VBox(0, f1, f1Caption));
        detail.setId("enroll-detail");
        detail.getStyleClass().add("muted");
        detail.setWrapText(true);
        // wrapped labels in a VBox that is short of height shrink to one ellipsized line unless their
        // minimum height is their preferred (wrapped) height
        detail.setMinHeight(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.setId("enroll-status");
        status.getStyleClass().add("empty-state");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        polarViewer.setId("enroll-polar");
        confusionViewer.setId("enroll-confusion");
        polarViewer.setPrefSize(360, 240);
        confusionViewer.setPrefSize(260, 240);
        HBox.setHgrow(polarViewer, Priority.ALWAYS);
        HBox charts = new HBox(8, polarViewer, confusionViewer);
        charts.setMinHeight(200);

        queryTable.setId("enroll-queries");
        queryTable.setPlaceholder(new Label("Verified queries appear here."));
        queryTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        SplitPane body = new SplitPane(charts, queryTable);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.55);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox pane = new VBox(8, numbers, detail, status, body);
        pane.setMinWidth(360);
        pane.setPadding(new javafx.geometry.Insets(0, 0, 0, 12)); // room between the bins and the results
        return pane;
    }

    private void showResults(EnrollResults r) {
        ChartTheme chartTheme = theme.get() == Theme.DARK ? ChartTheme.DARK : ChartTheme.LIGHT;
        if (r == null || !r.hasMetrics()) {
            uar.setText("–");
            f1.setText("–");
            detail.setText("");
            show(polarViewer, null);
            show(confusionViewer, null);
            queryTable.getItems().clear();
            if (r != null) {
                setColumns(r.verification().classNames());
            }
            return;
        }
        long drawStart = System.nanoTime();
        uar.setText(String.format(Locale.ROOT, "%.1f%%", 100 * r.uar()));
        f1.setText(String.format(Locale.ROOT, "%.1f%%", 100 * r.weightedF1()));
        show(polarViewer, r.polar() == null ? null : Charts.polarHistogram(r.polar(), chartTheme));
        show(confusionViewer, r.confusion() == null ? null : Charts.confusionMatrix(r.confusion(), chartTheme));
        setColumns(r.verification().classNames());
        queryTable.getItems().setAll(r.rows());
        lastDrawNanos = System.nanoTime() - drawStart;
        int queries = r.scored().count();
        int prototypes = r.verification().classCount();
        detail.setText(String.format(Locale.ROOT, "%d %s verified against %d %s in %.2f ms; charts and table "
                + "redrawn in %.0f ms", queries, queries == 1 ? "query" : "queries", prototypes,
                prototypes == 1 ? "prototype" : "prototypes", r.updateNanos() / 1e6, lastDrawNanos / 1e6));
    }

    /** Time the last redraw of numbers, charts and table took (the GUI part of an edit). */
    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    /** A viewer cannot hold "no chart": without one it is hidden. */
    private static void show(ChartViewer viewer, org.jfree.chart.JFreeChart chart) {
        if (chart != null) {
            viewer.setChart(chart);
        }
        viewer.setVisible(chart != null);
    }

    private void setColumns(List<String> classes) {
        if (classes.equals(tableClasses) && !queryTable.getColumns().isEmpty()) {
            return;
        }
        tableClasses = List.copyOf(classes);
        List<TableColumn<QueryRow, ?>> columns = new ArrayList<>();
        columns.add(textColumn("Utterance", QueryRow::id));
        columns.add(textColumn("True", QueryRow::trueLabel));
        columns.add(textColumn("Predicted", QueryRow::predicted));
        for (String c : classes) {
            columns.add(numberColumn("d " + c, row -> row.distanceTo(c), "%.3f"));
        }
        columns.add(numberColumn("Polar °", QueryRow::polarAngleDeg, "%.1f"));
        queryTable.getColumns().setAll(columns);
    }

    private static TableColumn<QueryRow, String> textColumn(String title, java.util.function.Function<QueryRow, String> f) {
        TableColumn<QueryRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(f.apply(cell.getValue())));
        return c;
    }

    private static TableColumn<QueryRow, Double> numberColumn(String title, java.util.function.ToDoubleFunction<QueryRow> f,
                                                             String format) {
        TableColumn<QueryRow, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(f.applyAsDouble(cell.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v));
            }
        });
        c.getStyleClass().add("number");
        return c;
    }

    // ---- drag and drop, keys ----

    private static void dragSource(ListView<?> list, Supplier<List<String>> ids) {
        list.setOnDragDetected(e -> {
            List<String> selected = ids.get();
            if (selected.isEmpty()) {
                return;
            }
            Dragboard db = list.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.put(UTTERANCE_IDS, String.join("\n", selected));
            content.putString(String.join("\n", selected));
            db.setContent(content);
            e.consume();
        });
    }

    private void dropTarget(Node target, java.util.function.Consumer<List<String>> onDrop) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasContent(UTTERANCE_IDS)) {
                e.acceptTransferModes(TransferMode.MOVE);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_ENTERED, e -> {
            if (e.getDragboard().hasContent(UTTERANCE_IDS)) {
                target.getStyleClass().add("drop-hover");
            }
        });
        target.addEventHandler(DragEvent.DRAG_EXITED, e -> target.getStyleClass().remove("drop-hover"));
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Object payload = e.getDragboard().getContent(UTTERANCE_IDS);
            boolean done = false;
            if (payload instanceof String text && !text.isEmpty()) {
                List<String> ids = Arrays.asList(text.split("\n"));
                done = guarded(() -> onDrop.accept(ids));
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void keys(ListView<?> list, Supplier<List<String>> selected, boolean inBin) {
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            List<String> ids = selected.get();
            KeyCode code = e.getCode();
            if (code.isDigitKey() && !"0".equals(e.getText()) && code != KeyCode.DIGIT0 && code != KeyCode.NUMPAD0) {
                int bin = digit(code);
                if (bin >= 1 && bin <= vm.bins().size() && !ids.isEmpty()) {
                    guarded(() -> vm.enroll(bin - 1, ids));
                }
                e.consume();
            } else if ((code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) && inBin && !ids.isEmpty()) {
                vm.unenroll(ids);
                e.consume();
            } else if (code == KeyCode.SPACE && !ids.isEmpty()) {
                vm.play(ids.get(0));
                e.consume();
            }
        });
    }

    private static int digit(KeyCode code) {
        String name = code.getName();
        char last = name.charAt(name.length() - 1);
        return Character.isDigit(last) ? last - '0' : -1;
    }

    private boolean guarded(Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException ex) {
            dialogs.show("Enroll & verify", ex);
            return false;
        }
    }

    // ---- dialogs ----

    private java.util.Optional<String> askName(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        dialogs.prepare(d, title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    private void chooseModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open encoder model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("e2v encoder", "*.e2vm"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            vm.openModel(f.toPath());
        }
    }

    private void chooseFile(boolean save) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(save ? "Save enrollment set" : "Load enrollment set");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Enrollment set (JSON)", "*.json"));
        if (save) {
            chooser.setInitialFileName("enrollment-set.json");
        }
        File f = save ? chooser.showSaveDialog(getScene().getWindow()) : chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            if (save) {
                vm.saveSet(f.toPath());
            } else {
                vm.loadSet(f.toPath());
            }
        }
    }

    private static ComboBox<String> filterCombo(String allText, javafx.collections.ObservableList<String> options,
                                                Supplier<javafx.beans.property.StringProperty> target) {
        ComboBox<String> combo = new ComboBox<>();
        Runnable refill = () -> {
            List<String> items = new ArrayList<>();
            items.add(allText);
            items.addAll(options);
            combo.getItems().setAll(items);
            combo.setValue(target.get().get() == null ? allText : target.get().get());
        };
        options.addListener((ListChangeListener<String>) c -> refill.run());
        refill.run();
        combo.valueProperty().addListener((o, a, v) -> target.get().set(v == null || v.equals(allText) ? null : v));
        return combo;
    }

    private static DataFormat dataFormat(String mime) {
        DataFormat existing = DataFormat.lookupMimeType(mime);
        return existing != null ? existing : new DataFormat(mime);
    }
}
