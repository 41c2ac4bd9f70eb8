package org.e2v.ui.analyses;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.e2v.experiment.chart.ChartData;
import org.e2v.experiment.chart.ChartExport;
import org.e2v.experiment.chart.ChartTheme;
import org.e2v.experiment.chart.Charts;
import org.e2v.ui.Dialogs;
import org.e2v.ui.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * One chart on screen: a {@link ChartViewer} drawn from {@link ChartData} in the app's theme
 * (redrawn when the theme changes), with Export PNG / SVG / data CSV in a context menu and a
 * toolbar button.
 */
public final class ChartCard extends BorderPane {
    /** Size of exported pictures, in pixels (PNG) or points (SVG). */
    static final int EXPORT_WIDTH = 1200;
    static final int EXPORT_HEIGHT = 800;

    private final ObservableValue<Theme> theme;
    private final Dialogs dialogs;
    private final ChartViewer viewer = new ChartViewer(null, false);
    private final Label title = new Label();
    private final Label placeholder = new Label("Nothing to show yet");
    private final MenuButton exportButton = new MenuButton("Export");
    private ChartData data;

    /**
     * @param id      node id (tests look the card up by it)
     * @param theme   the app theme; the chart follows it
     * @param dialogs shows export errors
     */
    public ChartCard(String id, ObservableValue<Theme> theme, Dialogs dialogs) {
        this.theme = theme;
        this.dialogs = dialogs;
        setId(id);
        getStyleClass().add("chart-card");
        viewer.setMinSize(200, 160);
        viewer.setPrefSize(420, 300);
        title.getStyleClass().add("muted");
        exportButton.getItems().addAll(exportItems());
        exportButton.setTooltip(new Tooltip("Save this chart as a picture, or its numbers as CSV"));
        exportButton.setDisable(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, title, spacer, exportButton);
        bar.setPadding(new Insets(2, 4, 2, 4));
        setTop(bar);
        placeholder.getStyleClass().add("empty-state");
        setCenter(placeholder);
        ContextMenu menu = new ContextMenu(exportItems());
        viewer.setOnContextMenuRequested(e -> {
            if (data != null) {
                menu.show(viewer, e.getScreenX(), e.getScreenY());
            }
        });
        theme.addListener((obs, o, n) -> redraw());
    }

    /** Shows {@code newData} (null clears the chart). */
    public void show(ChartData newData) {
        this.data = newData;
        // The chart draws its own title; the label only says what right-click offers.
        title.setText(newData == null ? "" : "Right-click to export");
        exportButton.setDisable(newData == null);
        redraw();
    }

    public ChartData data() {
        return data;
    }

    public ChartViewer viewer() {
        return viewer;
    }

    /** The chart as drawn now (null when empty). */
    public JFreeChart chart() {
        return data == null ? null : viewer.getChart();
    }

    /** Writes the chart as PNG ({@value #EXPORT_WIDTH} x {@value #EXPORT_HEIGHT} pixels). */
    public void exportPng(Path file) {
        ChartExport.png(build(data, chartTheme()), file, EXPORT_WIDTH, EXPORT_HEIGHT);
    }

    /** Writes the chart as SVG. */
    public void exportSvg(Path file) {
        ChartExport.svg(build(data, chartTheme()), file, EXPORT_WIDTH, EXPORT_HEIGHT);
    }

    /** Writes the chart's numbers as CSV. */
    public void exportCsv(Path file) {
        ChartExport.csv(data, file);
    }

    private MenuItem[] exportItems() {
        MenuItem png = new MenuItem("Export as PNG ...");
        png.setOnAction(e -> choose("PNG image", "png", this::exportPng));
        MenuItem svg = new MenuItem("Export as SVG ...");
        svg.setOnAction(e -> choose("SVG drawing", "svg", this::exportSvg));
        MenuItem csv = new MenuItem("Export data as CSV ...");
        csv.setOnAction(e -> choose("CSV table", "csv", this::exportCsv));
        return new MenuItem[] {png, svg, csv};
    }

    private void choose(String description, String extension, java.util.function.Consumer<Path> export) {
        if (data == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + data.title());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        chooser.setInitialFileName(fileName(data.title()) + "." + extension);
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            export.accept(f.toPath());
        } catch (RuntimeException ex) {
            dialogs.show("Export " + data.title(), ex);
        }
    }

    /** A file name from a chart title ("Polar distance: neutral vs sad" -> "polar-distance-neutral-vs-sad"). */
    static String fileName(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "chart" : s;
    }

    private ChartTheme chartTheme() {
        return theme.getValue() == Theme.DARK ? ChartTheme.DARK : ChartTheme.LIGHT;
    }

    private void redraw() {
        if (data == null) {
            setCenter(placeholder);
        } else {
            viewer.setChart(build(data, chartTheme()));
            setCenter(viewer);
        }
    }

    /** The chart for any kind of chart data. */
    static JFreeChart build(ChartData data, ChartTheme theme) {
        if (data instanceof ChartData.MarginSweep d) {
            return Charts.marginSweep(d, theme);
        } else if (data instanceof ChartData.PolarHistogram d) {
            return Charts.polarHistogram(d, theme);
        } else if (data instanceof ChartData.EnrollmentCurve d) {
            return Charts.enrollmentCurve(d, theme);
        } else if (data instanceof ChartData.ConfidenceBars d) {
            return Charts.confidenceBars(d, theme);
        } else if (data instanceof ChartData.Confusion d) {
            return Charts.confusionMatrix(d, theme);
        } else if (data instanceof ChartData.TrainingCurves d) {
            return Charts.trainingCurves(d, theme);
        } else if (data instanceof ChartData.EmbeddingScatter d) {
            return Charts.embeddingScatter(d, theme);
        }
        throw new IllegalArgumentException("no chart for " + data.getClass().getSimpleName());
    }
}
