package org.e2v.experiment.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.category.StandardBarPainter;

/**
 * Light and dark looks for every e2v chart: flat bars, no gradients or shadows, legible fonts and
 * the Okabe-Ito colour-blind-safe palette (the same order in both themes, so a class keeps its
 * colour across charts).
 */
public enum ChartTheme {
    LIGHT(Color.WHITE, Color.WHITE, new Color(0xDDDDDD), new Color(0x222222)),
    DARK(new Color(0x1E1F22), new Color(0x2B2D30), new Color(0x4A4D52), new Color(0xE6E6E6));

    /** Okabe & Ito (2008) palette, black replaced by grey so that it reads on both backgrounds. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x999999),
    };

    private final Color background;
    private final Color plotBackground;
    private final Color grid;
    private final Color text;

    ChartTheme(Color background, Color plotBackground, Color grid, Color text) {
        this.background = background;
        this.plotBackground = plotBackground;
        this.grid = grid;
        this.text = text;
    }

    /** Colour of series {@code i} (cycles through the palette). */
    public static Color seriesColor(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    public Color background() {
        return background;
    }

    public Color text() {
        return text;
    }

    public Color grid() {
        return grid;
    }

    /** Applies the look to a chart built by {@link Charts}. */
    public void apply(JFreeChart chart) {
        StandardChartTheme t = new StandardChartTheme(name());
        t.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        t.setLargeFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        t.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        t.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        t.setChartBackgroundPaint(background);
        t.setPlotBackgroundPaint(plotBackground);
        t.setLegendBackgroundPaint(background);
        t.setLegendItemPaint(text);
        t.setTitlePaint(text);
        t.setSubtitlePaint(text);
        t.setAxisLabelPaint(text);
        t.setTickLabelPaint(text);
        t.setItemLabelPaint(text);
        t.setDomainGridlinePaint(grid);
        t.setRangeGridlinePaint(grid);
        t.setPlotOutlinePaint(grid);
        t.setBaselinePaint(text);
        t.setShadowVisible(false);
        t.setBarPainter(new StandardBarPainter());
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE.clone(), PALETTE.clone(),
                new Paint[] {text}, new java.awt.Stroke[] {new BasicStroke(2f)}, new java.awt.Stroke[] {new BasicStroke(1f)},
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        t.apply(chart);
    }
}
