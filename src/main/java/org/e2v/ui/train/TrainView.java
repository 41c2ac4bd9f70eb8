package org.e2v.ui.train;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.converter.NumberStringConverter;
import org.e2v.experiment.run.RunListEntry;
import org.e2v.experiment.task.CorpusRef;
import org.e2v.experiment.task.EncoderSettings;
import org.e2v.experiment.task.FeaturesRef;
import org.e2v.experiment.task.LossSettings;
import org.e2v.experiment.task.NewTaskSpec;
import org.e2v.experiment.task.PretrainSpec;
import org.e2v.experiment.task.SplitsRef;
import org.e2v.experiment.task.TaskSpec;
import org.e2v.experiment.task.TrainingSettings;
import org.e2v.model.LossSpec;

/** The Train screen's layout: form on the left, curves and runs on the right. */
public final class TrainView extends BorderPane {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TrainViewModel vm;
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> uar = new XYChart.Series<>();

    public TrainView(TrainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("train-view");
        ScrollPane form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.setPrefWidth(380);
        form.setMinWidth(320);
        SplitPane split = new SplitPane(form, right());
        split.setDividerPositions(0.32);
        setCenter(split);
    }

    public TrainViewModel viewModel() {
        return vm;
    }

    private Node form() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        int r = 0;
        TextField name = new TextField();
        name.textProperty().bindBidirectional(vm.name);
        r = row(g, r, "Name", name, SpecDescriptions.of(TaskSpec.class, "name"));
        TextField seed = new TextField();
        seed.textProperty().bindBidirectional(vm.seed, new NumberStringConverter(Locale.ROOT, "#"));
        r = row(g, r, "Seed", seed, SpecDescriptions.of(TaskSpec.class, "seed"));
        ComboBox<String> features = new ComboBox<>();
        features.getItems().setAll("emobase", "mfcc", "logmel");
        features.setEditable(true);
        features.valueProperty().bindBidirectional(vm.featureSet);
        features.setId("train-features");
        r = row(g, r, "Feature set", features, SpecDescriptions.of(FeaturesRef.class, "extractor"));
        ComboBox<String> norm = combo(vm.normalization, "none", "utterance", "speaker");
        r = row(g, r, "Normalisation", norm, SpecDescriptions.of(FeaturesRef.class, "normalization"));
        r = row(g, r, "Max frames", spinner(vm.maxFrames, 0, 5000, 50), SpecDescriptions.of(FeaturesRef.class, "max_frames"));
        r = row(g, r, "Splits", combo(vm.splitScheme, "corpus", "loso", "lodo"), SpecDescriptions.of(SplitsRef.class, "scheme"));
        r = header(g, r, "Encoder");
        ComboBox<String> type = combo(vm.encoderType, EncoderSettings.TYPES.toArray(String[]::new));
        r = row(g, r, "Type", type, SpecDescriptions.of(EncoderSettings.class, "type"));
        r = row(g, r, "GRU width", spinner(vm.gruHidden, 1, 2048, 8), SpecDescriptions.of(EncoderSettings.class, "gru_hidden"));
        r = row(g, r, "Model dim", spinner(vm.modelDim, 1, 2048, 8), SpecDescriptions.of(EncoderSettings.class, "model_dim"));
        r = row(g, r, "Layers", spinner(vm.layers, 1, 8, 1), SpecDescriptions.of(EncoderSettings.class, "layers"));
        r = row(g, r, "Heads", spinner(vm.heads, 1, 16, 1), SpecDescriptions.of(EncoderSettings.class, "heads"));
        r = row(g, r, "FF width", spinner(vm.ffDim, 1, 8192, 16), SpecDescriptions.of(EncoderSettings.class, "ff_dim"));
        r = row(g, r, "Dropout", doubleField(vm.dropout), SpecDescriptions.of(EncoderSettings.class, "dropout"));
        r = header(g, r, "Loss");
        ComboBox<String> lossName = new ComboBox<>();
        lossName.getItems().setAll(LossSpec.NAMES);
        lossName.setValue(vm.lossName.get());
        lossName.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(vm.lossName.get())) {
                vm.selectLoss(b);
            }
        });
        vm.lossName.addListener((o, a, b) -> lossName.setValue(b));
        lossName.setId("train-loss");
        r = row(g, r, "Loss", lossName, SpecDescriptions.of(LossSettings.class, "name"));
        Slider margin = new Slider(-0.5, 0.5, vm.margin.get());
        margin.setId("train-margin");
        margin.setMajorTickUnit(0.25);
        margin.setMinorTickCount(4);
        margin.setShowTickMarks(true);
        margin.setShowTickLabels(true);
        margin.valueProperty().bindBidirectional(vm.margin);
        r = row(g, r, "Margin m", margin, SpecDescriptions.of(LossSettings.class, "margin"));
        r = row(g, r, "Sign", combo(vm.convention, "paper", "cosface"), SpecDescriptions.of(LossSettings.class, "convention"));
        Label equation = new Label();
        equation.setId("train-equation");
        equation.textProperty().bind(vm.equationProperty());
        equation.setWrapText(true);
        equation.setStyle("-fx-font-family: monospace;");
        g.add(equation, 0, r++, 2, 1);
        Label marginProblem = new Label();
        marginProblem.setId("train-margin-problem");
        marginProblem.textProperty().bind(vm.marginProblemProperty());
        marginProblem.setWrapText(true);
        marginProblem.getStyleClass().add("error-text");
        marginProblem.setStyle("-fx-text-fill: #c62828;");
        marginProblem.visibleProperty().bind(vm.marginProblemProperty().isNotEmpty());
        marginProblem.managedProperty().bind(marginProblem.visibleProperty());
        g.add(marginProblem, 0, r++, 2, 1);
        r = header(g, r, "Training");
        r = row(g, r, "Epochs", spinner(vm.epochs, 1, 10000, 1), SpecDescriptions.of(TrainingSettings.class, "epochs"));
        r = row(g, r, "Learning rate", doubleField(vm.learningRate), SpecDescriptions.of(TrainingSettings.class, "learning_rate"));
        r = row(g, r, "Per class N", spinner(vm.perClass, 1, 200, 1), SpecDescriptions.of(TrainingSettings.class, "per_class"));
        r = row(g, r, "Episodes/epoch", spinner(vm.episodesPerEpoch, 0, 100000, 1),
                SpecDescriptions.of(TrainingSettings.class, "episodes_per_epoch"));
        r = header(g, r, "Classes");
        ListView<String> pre = checkList(vm.pretrainClasses);
        pre.setId("train-pretrain-classes");
        r = row(g, r, "Pretrain E", pre, SpecDescriptions.of(PretrainSpec.class, "classes"));
        ListView<String> task = checkList(vm.taskClasses);
        task.setId("train-task-classes");
        r = row(g, r, "New task E'", task, SpecDescriptions.of(NewTaskSpec.class, "classes"));
        r = row(g, r, "Enroll N_p", spinner(vm.enrollCount, 1, 1000, 1), SpecDescriptions.of(NewTaskSpec.class, "enroll_count"));
        r = row(g, r, "Repeats", spinner(vm.repeats, 1, 1000, 1), SpecDescriptions.of(NewTaskSpec.class, "repeats"));
        Label corpus = new Label("Corpus: the workbench's open corpus");
        corpus.setTooltip(new Tooltip(SpecDescriptions.of(CorpusRef.class, "path")));
        g.add(corpus, 0, r++, 2, 1);
        ListView<String> problems = new ListView<>(vm.problems);
        problems.setId("train-problems");
        problems.setPrefHeight(70);
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems));
        problems.managedProperty().bind(problems.visibleProperty());
        g.add(problems, 0, r, 2, 1);
        return g;
    }

    private Node right() {
        Button start = new Button("Start");
        start.setId("train-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.busyProperty().or(Bindings.isNotEmpty(vm.problems)));
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("train-cancel");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Label status = new Label();
        status.setId("train-status");
        status.textProperty().bind(Bindings.createStringBinding(() -> vm.status.get().name().toLowerCase(Locale.ROOT)
                + (vm.statusText.get().isEmpty() || vm.status.get() == TrainViewModel.Status.RUNNING ? "" : " – " + vm.statusText.get())
                + (vm.stage.get().isEmpty() || vm.status.get() != TrainViewModel.Status.RUNNING ? "" : " – " + vm.stage.get()),
                vm.status, vm.statusText, vm.stage));
        Label backend = new Label();
        backend.setId("train-backend");
        backend.textProperty().bind(vm.backend);
        HBox buttons = new HBox(8, start, cancel, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        TextField command = new TextField();
        command.setId("train-command");
        command.setEditable(false);
        command.textProperty().bind(Bindings.when(vm.command.isEmpty())
                .then("the command that reproduces the run appears here").otherwise(vm.command));
        command.setTooltip(new Tooltip("Runs headless with the same task file: same seed, same metrics"));

        LineChart<Number, Number> lossChart = chart("training loss", "epoch", "loss", loss, false);
        lossChart.setId("train-loss-chart");
        LineChart<Number, Number> uarChart = chart("validation UAR", "epoch", "UAR", uar, true);
        uarChart.setId("train-uar-chart");
        ((NumberAxis) uarChart.getYAxis()).setAutoRanging(false);
        ((NumberAxis) uarChart.getYAxis()).setLowerBound(0);
        ((NumberAxis) uarChart.getYAxis()).setUpperBound(1);
        ((NumberAxis) uarChart.getYAxis()).setTickUnit(0.2);
        loss.setName("loss (mean of the epoch so far)");
        uar.setName("validation UAR");
        bind(vm.lossCurve, loss);
        bind(vm.uarCurve, uar);
        Label curveStage = new Label();
        curveStage.textProperty().bind(Bindings.when(vm.curveStage.isEmpty()).then("")
                .otherwise(Bindings.concat("curves of: ", vm.curveStage)));
        HBox charts = new HBox(8, lossChart, uarChart);
        HBox.setHgrow(lossChart, Priority.ALWAYS);
        HBox.setHgrow(uarChart, Priority.ALWAYS);
        VBox top = new VBox(6, buttons, backend, command, curveStage, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        top.setPadding(new Insets(10));

        SplitPane right = new SplitPane(top, runs());
        right.setOrientation(javafx.geometry.Orientation.VERTICAL);
        right.setDividerPositions(0.58);
        return right;
    }

    private Node runs() {
        TableView<RunListEntry> table = new TableView<>(vm.runs);
        table.setId("train-runs");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Run", r -> r.name(), 220));
        table.getColumns().add(column("Date", r -> DATE.format(r.started()), 120));
        table.getColumns().add(column("Pretrain UAR", r -> pct(r.pretrainUar()), 90));
        table.getColumns().add(column("Verify UAR", r -> pct(r.verifyUar()), 80));
        table.getColumns().add(column("Verify F1", r -> pct(r.verifyF1()), 80));
        table.getColumns().add(column("Status", r -> r.status().label(), 90));
        table.setPlaceholder(new Label("No runs yet in this folder"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedRun.set(b));
        vm.selectedRun.addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refreshRuns());
        Button resume = new Button("Resume");
        resume.setId("train-resume");
        resume.disableProperty().bind(vm.busyProperty().or(Bindings.createBooleanBinding(() -> vm.selectedRun.get() == null
                || vm.selectedRun.get().status() != RunListEntry.Status.INTERRUPTED, vm.selectedRun)));
        resume.setTooltip(new Tooltip("Continue the selected interrupted run from its checkpoints (e2v run --resume <run dir>)"));
        resume.setOnAction(e -> vm.resumeSelected());
        Button use = new Button("Use this encoder");
        use.setId("train-use-encoder");
        use.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.selectedRun.get() == null
                || vm.selectedRun.get().status() != RunListEntry.Status.COMPLETED, vm.selectedRun));
        use.setTooltip(new Tooltip("Set the run's model.e2vm as the workspace's encoder (Enroll & verify uses it)"));
        use.setOnAction(e -> vm.useSelectedEncoder());
        Label folder = new Label();
        folder.textProperty().bind(Bindings.createStringBinding(() -> "Runs in " + vm.runsRoot.get(), vm.runsRoot));
        HBox bar = new HBox(8, refresh, resume, use, folder);
        bar.setAlignment(Pos.CENTER_LEFT);
        TextArea provenance = new TextArea();
        provenance.setId("train-provenance");
        provenance.setEditable(false);
        provenance.textProperty().bind(vm.selectedProvenance);
        provenance.setStyle("-fx-font-family: monospace;");
        TextArea metrics = new TextArea();
        metrics.setEditable(false);
        metrics.textProperty().bind(vm.selectedMetrics);
        metrics.setStyle("-fx-font-family: monospace;");
        TabPane details = new TabPane(new Tab("Metrics", metrics), new Tab("Provenance (run.json)", provenance));
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        TitledPane detailPane = new TitledPane("Selected run", details);
        detailPane.setExpanded(true);
        SplitPane sp = new SplitPane(table, detailPane);
        sp.setDividerPositions(0.62);
        VBox box = new VBox(6, bar, sp);
        VBox.setVgrow(sp, Priority.ALWAYS);
        box.setPadding(new Insets(6, 10, 10, 10));
        return box;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static TableColumn<RunListEntry, String> column(String title, java.util.function.Function<RunListEntry, String> f,
                                                          double width) {
        TableColumn<RunListEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static LineChart<Number, Number> chart(String title, String x, String y, XYChart.Series<Number, Number> s,
                                                   boolean symbols) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        xAxis.setForceZeroInRange(true);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(y);
        yAxis.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(xAxis, yAxis);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(symbols);
        c.setLegendVisible(false);
        c.getData().add(s);
        c.setMinHeight(180);
        return c;
    }

    private static void bind(ObservableList<CurveFeed.Point> points, XYChart.Series<Number, Number> series) {
        points.addListener((ListChangeListener<CurveFeed.Point>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && !change.wasAdded()) {
                    series.getData().clear();
                    for (CurveFeed.Point p : points) {
                        series.getData().add(new XYChart.Data<>(p.epochs(), p.value()));
                    }
                    return;
                }
                if (change.wasAdded()) {
                    java.util.List<XYChart.Data<Number, Number>> added = new java.util.ArrayList<>();
                    for (CurveFeed.Point p : change.getAddedSubList()) {
                        added.add(new XYChart.Data<>(p.epochs(), p.value()));
                    }
                    series.getData().addAll(added);
                }
            }
        });
    }

    private ListView<String> checkList(ObservableList<String> chosen) {
        ListView<String> list = new ListView<>(vm.labels);
        list.setPrefHeight(130);
        list.setCellFactory(CheckBoxListCell.forListView(label -> {
            javafx.beans.property.BooleanProperty p = new javafx.beans.property.SimpleBooleanProperty(chosen.contains(label));
            p.addListener((o, was, is) -> {
                if (is && !chosen.contains(label)) {
                    chosen.add(label);
                } else if (!is) {
                    chosen.remove(label);
                }
            });
            return p;
        }));
        return list;
    }

    private static ComboBox<String> combo(javafx.beans.property.StringProperty p, String... items) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().setAll(items);
        c.valueProperty().bindBidirectional(p);
        return c;
    }

    private static Spinner<Integer> spinner(IntegerProperty p, int min, int max, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get(), step);
        s.setEditable(true);
        s.setPrefWidth(110);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                p.set(b);
            }
        });
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }

    private static TextField doubleField(DoubleProperty p) {
        TextField f = new TextField(Double.toString(p.get()));
        f.setPrefWidth(110);
        f.textProperty().addListener((o, a, b) -> {
            try {
                p.set(Double.parseDouble(b.strip()));
                f.setStyle("");
            } catch (NumberFormatException e) {
                f.setStyle("-fx-border-color: #c62828;");
            }
        });
        return f;
    }

    private static int header(GridPane g, int r, String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        g.add(l, 0, r, 2, 1);
        return r + 1;
    }

    private static int row(GridPane g, int r, String label, javafx.scene.control.Control control, String tooltip) {
        Label l = new Label(label);
        Tooltip t = new Tooltip(tooltip);
        t.setWrapText(true);
        t.setMaxWidth(420);
        l.setTooltip(t);
        control.setTooltip(t);
        control.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(control, Priority.ALWAYS);
        g.add(l, 0, r);
        g.add(control, 1, r);
        return r + 1;
    }
}
