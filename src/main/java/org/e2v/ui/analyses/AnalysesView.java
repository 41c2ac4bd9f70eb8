package org.e2v.ui.analyses;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.e2v.experiment.MarginView;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.run.RunAnalyses;
import org.e2v.experiment.run.RunSummary;
import org.e2v.ui.Dialogs;
import org.e2v.ui.Theme;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;

/**
 * The Analyses screen's layout: a toolbar to open a run, the metrics summary on the left, and tabs
 * with the figures, the embedding map (click a point to play it) and the margin explorer.
 */
public final class AnalysesView extends BorderPane {
    private final AnalysesViewModel model;
    private final ObservableValue<Theme> theme;
    private final Dialogs dialogs;
    private final Consumer<Path> opener;
    private final Label runLabel = new Label();
    private final VBox summary = new VBox(6);
    private final GridPane figures = new GridPane();
    private final List<ChartCard> figureCards = new ArrayList<>();
    private final ChartCard embeddingCard;
    private final ChartCard marginMapCard;
    private final ChartCard marginPolarCard;
    private final Slider marginSlider = new Slider(0, 0, 0);
    private final Label marginLabel = new Label();
    private final Label explorerStatus = new Label();
    private final Label messageLabel = new Label();
    private final StackPane center = new StackPane();
    private final TabPane tabs = new TabPane();

    /**
     * @param opener opens a run directory (the screen records it in the workspace)
     */
    public AnalysesView(AnalysesViewModel model, ObservableValue<Theme> theme, Dialogs dialogs, Consumer<Path> opener) {
        this.model = model;
        this.theme = theme;
        this.dialogs = dialogs;
        this.opener = opener;
        getStyleClass().addAll("screen", "analyses-screen");
        embeddingCard = new ChartCard("analyses-embeddings", theme, dialogs);
        marginMapCard = new ChartCard("analyses-margin-map", theme, dialogs);
        marginPolarCard = new ChartCard("analyses-margin-polar", theme, dialogs);
        embeddingCard.viewer().addChartMouseListener(playOnClick(embeddingCard));
        marginMapCard.viewer().addChartMouseListener(playOnClick(marginMapCard));
        setTop(toolbar());
        tabs.setId("analyses-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(figuresTab(), embeddingTab(), explorerTab());
        center.getChildren().add(emptyState());
        setCenter(center);
        model.runProperty().addListener((obs, o, r) -> showRun(r));
        model.currentMarginProperty().addListener((obs, o, v) -> showMargin(v));
        model.marginViews().addListener((javafx.collections.ListChangeListener<MarginView>) c -> updateSlider());
        showRun(model.run());
    }

    private HBox toolbar() {
        Button open = new Button("Open run ...");
        open.setId("analyses-open");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> chooseRun());
        runLabel.setId("analyses-run");
        runLabel.getStyleClass().add("muted");
        messageLabel.setId("analyses-message");
        messageLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.run() == null ? "" : model.messageProperty().get(), model.messageProperty(), model.runProperty()));
        messageLabel.getStyleClass().add("muted");
        HBox bar = new HBox(10, open, runLabel, messageLabel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        return bar;
    }

    private VBox emptyState() {
        Label text = new Label();
        text.setId("analyses-empty");
        text.textProperty().bind(model.messageProperty());
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.getStyleClass().add("empty-state");
        Button open = new Button("Open run folder ...");
        open.setOnAction(e -> chooseRun());
        VBox box = new VBox(12, text, open);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void chooseRun() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a run folder (it holds metrics.json)");
        if (model.run() != null && model.run().dir().getParent() != null) {
            chooser.setInitialDirectory(model.run().dir().getParent().toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            opener.accept(dir.toPath());
        }
    }

    private Tab figuresTab() {
        figures.setId("analyses-figures");
        figures.setHgap(8);
        figures.setVgap(8);
        figures.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(figures);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        Tab t = new Tab("Figures", scroll);
        t.setId("analyses-tab-figures");
        return t;
    }

    private Tab embeddingTab() {
        Label hint = new Label("PCA of the run's query and enrollment-pool embeddings: squares are enrolled samples, "
                + "diamonds the prototypes. Click a point to play the utterance.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        BorderPane pane = new BorderPane(embeddingCard, hint, null, null, null);
        pane.setPadding(new Insets(8));
        Tab t = new Tab("Embedding map", pane);
        t.setId("analyses-tab-embeddings");
        return t;
    }

    private Tab explorerTab() {
        marginSlider.setId("analyses-margin-slider");
        marginSlider.setMajorTickUnit(1);
        marginSlider.setMinorTickCount(0);
        marginSlider.setSnapToTicks(true);
        marginSlider.setShowTickMarks(true);
        marginSlider.setShowTickLabels(true);
        marginSlider.setBlockIncrement(1);
        marginSlider.setPrefWidth(420);
        marginSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double index) {
                int i = (int) Math.round(index);
                return i >= 0 && i < model.marginViews().size() ? margin(model.marginViews().get(i).margin()) : "";
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        marginSlider.valueProperty().addListener((obs, o, v) -> model.marginIndexProperty().set((int) Math.round(v.doubleValue())));
        marginSlider.setDisable(true);
        marginLabel.setId("analyses-margin-metrics");
        marginLabel.getStyleClass().add("section-title");
        explorerStatus.setId("analyses-explorer-status");
        explorerStatus.getStyleClass().add("muted");
        explorerStatus.textProperty().bind(model.explorerStatusProperty());
        Label title = new Label("Margin m of Eq. (4)");
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(marginSlider, Priority.ALWAYS);
        marginSlider.setMaxWidth(520);
        HBox controls = new HBox(12, title, marginSlider);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Every view shows the encoder pretrained with the chosen margin, verifying the run's queries "
                + "against prototypes of the run's enrolled samples.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        VBox top = new VBox(6, controls, marginLabel, explorerStatus, hint);
        top.setPadding(new Insets(8));
        SplitPane charts = new SplitPane(marginMapCard, marginPolarCard);
        charts.setDividerPositions(0.55);
        BorderPane pane = new BorderPane(charts, top, null, null, null);
        Tab t = new Tab("Margin explorer", pane);
        t.setId("analyses-tab-explorer");
        return t;
    }

    private void showRun(RunAnalyses r) {
        if (r == null) {
            center.getChildren().setAll(emptyState());
            runLabel.setText("");
            setLeft(null);
            return;
        }
        runLabel.setText(r.dir().toString());
        summary.getChildren().setAll(summaryContent(r.summary()));
        ScrollPane side = new ScrollPane(summary);
        side.setFitToWidth(true);
        side.setPrefWidth(270);
        side.setId("analyses-summary");
        summary.setPadding(new Insets(10));
        setLeft(side);
        figures.getChildren().clear();
        figures.getColumnConstraints().clear();
        figures.getRowConstraints().clear();
        figureCards.clear();
        List<ChartData> charts = new ArrayList<>(r.charts());
        charts.remove(r.embeddings());
        int columns = charts.size() <= 4 ? 2 : 3;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            figures.getColumnConstraints().add(cc);
        }
        int rows = (charts.size() + columns - 1) / columns;
        for (int i = 0; i < rows; i++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / Math.max(1, rows));
            rc.setVgrow(Priority.ALWAYS);
            rc.setMinHeight(220);
            figures.getRowConstraints().add(rc);
        }
        for (int i = 0; i < charts.size(); i++) {
            ChartCard card = new ChartCard("analyses-chart-" + i, theme, dialogs);
            card.show(charts.get(i));
            figureCards.add(card);
            figures.add(card, i % columns, i / columns);
        }
        embeddingCard.show(r.embeddings());
        center.getChildren().setAll(tabs);
        updateSlider();
        showMargin(model.currentMarginProperty().get());
    }

    private List<javafx.scene.Node> summaryContent(RunSummary s) {
        List<javafx.scene.Node> out = new ArrayList<>();
        Label name = new Label(s.name());
        name.getStyleClass().add("section-title");
        out.add(name);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(4);
        int row = 0;
        row = metric(g, row, "Pretrain UAR", percent(s.pretrainUar()), "summary-pretrain");
        row = metric(g, row, "Verify UAR", percent(s.verifyUar()) + " ± " + percent(s.verifyUarStd()), "summary-uar");
        row = metric(g, row, "Verify weighted F1", percent(s.verifyF1()) + " ± " + percent(s.verifyF1Std()), "summary-f1");
        if (!Double.isNaN(s.baselineAllUar())) {
            row = metric(g, row, "Baseline 'All' UAR", percent(s.baselineAllUar()), "summary-baseline");
            row = metric(g, row, "McNemar p (exact)", String.format(Locale.ROOT, "%.3g", s.mcNemarP()), "summary-mcnemar");
        }
        row = metric(g, row, "Task classes", String.join(", ", s.taskClasses()), "summary-classes");
        row = metric(g, row, "Enrolled per class", Integer.toString(s.enrollCount()), "summary-np");
        metric(g, row, "Queries", Integer.toString(s.queries()), "summary-queries");
        out.add(g);
        if (!s.notes().isEmpty()) {
            Label notes = new Label("Notes");
            notes.getStyleClass().add("section-title");
            out.add(notes);
            for (String n : s.notes()) {
                Label l = new Label("• " + n);
                l.setWrapText(true);
                l.getStyleClass().add("muted");
                out.add(l);
            }
        }
        return out;
    }

    private static int metric(GridPane g, int row, String name, String value, String id) {
        Label k = new Label(name);
        k.getStyleClass().add("muted");
        Label v = new Label(value);
        v.setId(id);
        v.setWrapText(true);
        g.add(k, 0, row);
        g.add(v, 1, row);
        return row + 1;
    }

    private void updateSlider() {
        int n = model.marginViews().size();
        marginSlider.setMax(Math.max(0, n - 1));
        marginSlider.setDisable(n < 2);
        // Re-set the formatter so tick labels follow the list.
        var f = marginSlider.getLabelFormatter();
        marginSlider.setLabelFormatter(null);
        marginSlider.setLabelFormatter(f);
    }

    private void showMargin(MarginView v) {
        if (v == null) {
            marginLabel.setText(model.marginViews().isEmpty() ? "" : "");
            marginMapCard.show(null);
            marginPolarCard.show(null);
            return;
        }
        marginLabel.setText(String.format(Locale.ROOT, "m = %s   UAR %s   weighted F1 %s   (%d queries)", margin(v.margin()),
                percent(v.uar()), percent(v.weightedF1()), v.queries()));
        marginMapCard.show(v.map());
        marginPolarCard.show(v.polar().isEmpty() ? null : v.polar().get(0));
    }

    /** Plays the utterance under a clicked point of an embedding map. */
    private ChartMouseListenerFX playOnClick(ChartCard card) {
        return new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getTrigger().getButton() != javafx.scene.input.MouseButton.PRIMARY
                        || !(event.getEntity() instanceof XYItemEntity item)
                        || !(card.data() instanceof ChartData.EmbeddingScatter scatter)) {
                    return;
                }
                XYPlot plot = event.getChart().getXYPlot();
                int datasetIndex = plot.indexOf(item.getDataset());
                ChartData.ScatterPoint p = ScatterPoints.at(scatter, datasetIndex, item.getSeriesIndex(), item.getItem());
                if (p != null) {
                    model.play(p.id());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
            }
        };
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String margin(double m) {
        return String.format(Locale.ROOT, "%+.2f", m);
    }

    /** The figure cards shown now (tests). */
    List<ChartCard> figureCards() {
        return List.copyOf(figureCards);
    }

    ChartCard embeddingCard() {
        return embeddingCard;
    }

    ChartCard marginMapCard() {
        return marginMapCard;
    }

    ChartCard marginPolarCard() {
        return marginPolarCard;
    }

    Slider marginSlider() {
        return marginSlider;
    }

    TabPane tabs() {
        return tabs;
    }
}
