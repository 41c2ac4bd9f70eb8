package org.e2v.ui.corpus;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.SortedList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Split;
import org.e2v.ui.Dialogs;
import org.e2v.ui.Theme;

/**
 * The Corpus screen's controls: open menu and filters on top, the utterance table, and the
 * waveform and spectrogram of the selected utterance below it. Space plays the selection.
 */
public final class CorpusView extends BorderPane {
    private final CorpusViewModel vm;
    private final Supplier<RecordingViewModel> recordings;
    private final TableView<UtteranceRow> table = new TableView<>();
    private final PreviewCanvas waveform = new PreviewCanvas(PreviewCanvas.Kind.WAVEFORM);
    private final PreviewCanvas spectrogram = new PreviewCanvas(PreviewCanvas.Kind.SPECTROGRAM);

    /**
     * @param recordings   a fresh recording view model for each "Record…" dialog
     * @param showFeatures switches to the Features screen
     */
    public CorpusView(CorpusViewModel vm, Dialogs dialogs, ReadOnlyObjectProperty<Theme> theme,
                      Supplier<RecordingViewModel> recordings, Runnable showFeatures) {
        this.vm = vm;
        this.recordings = recordings;
        getStyleClass().addAll("screen", "corpus-screen");
        Node problems = problemsBanner(dialogs);
        Node features = featureBanner(dialogs, showFeatures);
        VBox.setMargin(problems, new Insets(0, 0, 8, 0));
        VBox.setMargin(features, new Insets(0, 0, 8, 0));
        setTop(new VBox(toolbar(dialogs), problems, features));
        SplitPane split = new SplitPane(tablePane(), previewPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        setCenter(split);
        theme.addListener((o, a, t) -> applyTheme(t));
        applyTheme(theme.get());
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !(e.getTarget() instanceof TextInputControl)) {
                vm.togglePlay();
                e.consume();
            }
        });
    }

    /** The view model (tests reach actions that need a native file chooser through it). */
    public CorpusViewModel viewModel() {
        return vm;
    }

    /** The utterance table (tests). */
    public TableView<UtteranceRow> table() {
        return table;
    }

    /** The waveform canvas (tests). */
    public PreviewCanvas waveform() {
        return waveform;
    }

    private void applyTheme(Theme t) {
        waveform.waveColorProperty().set(t == Theme.DARK ? Color.web("#7fb0ff") : Color.web("#2457c5"));
        waveform.textColorProperty().set(t == Theme.DARK ? Color.web("#b8bcc4") : Color.web("#5a5f69"));
    }

    private Node toolbar(Dialogs dialogs) {
        MenuButton open = new MenuButton("Open corpus");
        open.setId("corpus-open");
        open.getStyleClass().add("accent");
        for (CorpusSource s : CorpusSource.values()) {
            MenuItem mi = new MenuItem(s.menuText());
            mi.setOnAction(e -> choose(s));
            open.getItems().add(mi);
        }
        MenuItem features = new MenuItem("Import .npy features…");
        features.setId("corpus-import-features");
        features.disableProperty().bind(vm.hasCorpusProperty().not());
        features.setOnAction(e -> chooseFeatures());
        open.getItems().addAll(new SeparatorMenuItem(), features);
        Button record = new Button("Record…");
        record.setId("corpus-record");
        record.setTooltip(new Tooltip("Record an utterance from the microphone, label it and add it to the corpus"));
        record.setOnAction(e -> record(dialogs));
        TextField filter = new TextField();
        filter.setId("corpus-filter");
        filter.setPromptText("Filter by id, speaker, label or file");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());

        ComboBox<Choice<EmotionLabel>> label = filterCombo("corpus-label-filter", "All labels", vm.labels(),
                vm.labelFilterProperty(), EmotionLabel::name);
        ComboBox<Choice<Split>> split = filterCombo("corpus-split-filter", "All splits", vm.splits(),
                vm.splitFilterProperty(), Split::id);

        Label count = new Label();
        count.setId("corpus-count");
        count.getStyleClass().add("muted");
        count.textProperty().bind(vm.countTextProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, open, record, filter, label, split, spacer, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        return bar;
    }

    private Node problemsBanner(Dialogs dialogs) {
        Label text = new Label();
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.problems().size();
            return n == 1 ? "1 problem was found while loading this corpus."
                    : n + " problems were found while loading this corpus.";
        }, vm.problems()));
        Button show = new Button("Show problems");
        show.setId("corpus-show-problems");
        show.getStyleClass().add("small");
        show.setOnAction(e -> showProblems(dialogs));
        HBox banner = new HBox(10, text, show);
        banner.setId("corpus-problems");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("banner");
        banner.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private void showProblems(Dialogs dialogs) {
        showProblems(dialogs, vm.problems(), "Problems found while loading",
                vm.problems().size() + " files or lines were skipped or need attention.");
    }

    private Node featureBanner(Dialogs dialogs, Runnable showFeatures) {
        Label text = new Label();
        text.setId("corpus-feature-check");
        text.setWrapText(true);
        text.textProperty().bind(vm.featureCheckTextProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button show = new Button();
        show.setId("corpus-show-feature-problems");
        show.getStyleClass().add("small");
        show.setMinWidth(Region.USE_PREF_SIZE);
        show.textProperty().bind(Bindings.createStringBinding(() -> vm.featureProblems().size() == 1 ? "Show 1 problem"
                : "Show " + vm.featureProblems().size() + " problems", vm.featureProblems()));
        show.visibleProperty().bind(Bindings.isNotEmpty(vm.featureProblems()));
        show.managedProperty().bind(show.visibleProperty());
        show.setOnAction(e -> showProblems(dialogs, vm.featureProblems(), "Problems with the imported features",
                vm.featureProblems().size() + " utterances or files need attention; the others can be imported."));
        Button go = new Button("Open Features");
        go.setId("corpus-open-features");
        go.getStyleClass().add("small");
        go.setMinWidth(Region.USE_PREF_SIZE);
        go.visibleProperty().bind(vm.checkedFeaturesProperty().isNotNull());
        go.managedProperty().bind(go.visibleProperty());
        go.setOnAction(e -> showFeatures.run());
        HBox banner = new HBox(10, text, show, go);
        banner.setId("corpus-feature-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("banner");
        banner.visibleProperty().bind(vm.featureCheckTextProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private void chooseFeatures() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Import precomputed features: folder of .npy files");
        File f = chooser.showDialog(getScene().getWindow());
        if (f != null) {
            vm.checkFeatures(f.toPath());
        }
    }

    private void record(Dialogs dialogs) {
        vm.stopPlayback();
        RecordDialog.create(recordings.get(), dialogs).show();
    }

    private static void showProblems(Dialogs dialogs, ObservableList<CorpusProblem> problems, String title, String header) {
        ListView<CorpusProblem> list = new ListView<>(problems);
        list.setPrefSize(720, 360);
        Dialog<ButtonType> d = new Dialog<>();
        dialogs.prepare(d, title);
        d.setHeaderText(header);
        d.getDialogPane().setContent(list);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.showAndWait();
    }

    private Node tablePane() {
        table.setId("corpus-table");
        TableColumn<UtteranceRow, String> id = column("Utterance", 260, r -> r.id());
        TableColumn<UtteranceRow, String> speaker = column("Speaker", 110, r -> r.utterance().speaker().id());
        TableColumn<UtteranceRow, String> label = column("Label", 110, r -> r.utterance().label().name());
        TableColumn<UtteranceRow, String> split = column("Split", 90, r -> r.utterance().split().id());
        TableColumn<UtteranceRow, Number> duration = new TableColumn<>("Duration");
        duration.setPrefWidth(90);
        duration.setCellValueFactory(c -> c.getValue().durationSecondsProperty());
        duration.setCellFactory(c -> numberCell("%.2f s"));
        TableColumn<UtteranceRow, Number> confidence = new TableColumn<>("Confidence");
        confidence.setPrefWidth(100);
        confidence.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().utterance().confidence()));
        confidence.setCellFactory(c -> numberCell("%.2f"));
        table.getColumns().setAll(List.of(id, speaker, label, split, duration, confidence));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        SortedList<UtteranceRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label empty = new Label();
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        empty.textProperty().bind(vm.emptyTextProperty());
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> vm.selectedProperty().set(row));
        vm.selectedProperty().addListener((o, a, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
        return table;
    }

    private Node previewPane() {
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            UtteranceRow r = vm.selectedProperty().get();
            return r == null ? "Preview" : r.id() + "  ·  " + r.utterance().label().name() + "  ·  " + r.utterance().speaker().id();
        }, vm.selectedProperty()));
        Button play = new Button();
        play.setId("corpus-play");
        play.textProperty().bind(Bindings.when(vm.playingProperty()).then("Stop").otherwise("Play (Space)"));
        play.disableProperty().bind(vm.selectedProperty().isNull());
        play.setOnAction(e -> vm.togglePlay());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, play);
        head.setAlignment(Pos.CENTER_LEFT);

        waveform.setId("corpus-waveform");
        spectrogram.setId("corpus-spectrogram");
        waveform.previewProperty().bind(vm.previewProperty());
        spectrogram.previewProperty().bind(vm.previewProperty());
        VBox.setVgrow(waveform, Priority.ALWAYS);
        VBox.setVgrow(spectrogram, Priority.ALWAYS);
        VBox canvases = new VBox(6, waveform, spectrogram);
        Label status = new Label();
        status.setId("corpus-preview-status");
        status.getStyleClass().add("empty-state");
        status.setWrapText(true);
        status.textProperty().bind(vm.previewStatusProperty());
        status.visibleProperty().bind(vm.previewProperty().isNull());
        canvases.visibleProperty().bind(vm.previewProperty().isNotNull());
        StackPane body = new StackPane(canvases, status);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox pane = new VBox(8, head, body);
        pane.getStyleClass().add("preview-pane");
        return pane;
    }

    private void choose(CorpusSource source) {
        File f;
        if (source.directory()) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open corpus: " + source.menuText().replace("…", ""));
            f = chooser.showDialog(getScene().getWindow());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open corpus manifest");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Manifest CSV", "*.csv"));
            f = chooser.showOpenDialog(getScene().getWindow());
        }
        if (f != null) {
            vm.open(f.toPath(), source);
        }
    }

    private static TableColumn<UtteranceRow, String> column(String title, double width,
                                                            java.util.function.Function<UtteranceRow, String> value) {
        TableColumn<UtteranceRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }

    private static TableCell<UtteranceRow, Number> numberCell(String format) {
        TableCell<UtteranceRow, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                } else {
                    double v = item.doubleValue();
                    setText(Double.isNaN(v) ? "–" : String.format(format, v));
                }
            }
        };
        cell.setAlignment(Pos.CENTER_RIGHT);
        cell.getStyleClass().add("number");
        return cell;
    }

    /**
     * A filter drop-down: "All ..." plus the options. Its entries are {@link Choice} wrappers
     * rather than the options with a null for "all", because a ComboBox's selection model keeps a
     * selected index across item changes and would silently pick a real option.
     */
    private static <T> ComboBox<Choice<T>> filterCombo(String id, String allText, ObservableList<T> options,
                                                      ObjectProperty<T> target, Function<T, String> name) {
        ComboBox<Choice<T>> combo = new ComboBox<>();
        combo.setId(id);
        Choice<T> all = new Choice<>(null, allText);
        Runnable refill = () -> {
            List<Choice<T>> items = new ArrayList<>();
            items.add(all);
            options.forEach(o -> items.add(new Choice<>(o, name.apply(o))));
            combo.getItems().setAll(items);
            combo.setValue(target.get() == null ? all : new Choice<>(target.get(), name.apply(target.get())));
        };
        options.addListener((ListChangeListener<T>) c -> refill.run());
        refill.run();
        combo.valueProperty().addListener((o, a, choice) -> target.set(choice == null ? null : choice.value()));
        target.addListener((o, a, v) -> {
            Choice<T> wanted = v == null ? all : new Choice<>(v, name.apply(v));
            if (!wanted.equals(combo.getValue())) {
                combo.setValue(wanted);
            }
        });
        return combo;
    }

    /** One entry of a filter drop-down; a null value means "no filter". */
    private record Choice<T>(T value, String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
