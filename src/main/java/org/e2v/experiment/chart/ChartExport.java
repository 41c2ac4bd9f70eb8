package org.e2v.experiment.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.e2v.common.AtomicFiles;
import org.jfree.chart.JFreeChart;

/**
 * Writes charts as PNG or SVG and their data as CSV, headless and atomically (a run directory
 * never holds half a picture).
 */
public final class ChartExport {
    private ChartExport() {
    }

    /** Renders the chart to a {@code widthPx x heightPx} PNG. */
    public static void png(JFreeChart chart, Path file, int widthPx, int heightPx) {
        AtomicFiles.writeBytes(file, pngBytes(chart, widthPx, heightPx));
    }

    /** The PNG encoding of the chart at the given size. */
    public static byte[] pngBytes(JFreeChart chart, int widthPx, int heightPx) {
        checkSize(widthPx, heightPx);
        BufferedImage image = render(chart, widthPx, heightPx);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    /** Renders the chart into an ARGB image (anti-aliased). */
    public static BufferedImage render(JFreeChart chart, int widthPx, int heightPx) {
        checkSize(widthPx, heightPx);
        BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(g, new Rectangle2D.Double(0, 0, widthPx, heightPx));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders the chart as an SVG document of {@code width x height} user units (vector, text as text). */
    public static void svg(JFreeChart chart, Path file, int width, int height) {
        AtomicFiles.writeString(file, svgString(chart, width, height));
    }

    /** The SVG document of the chart. */
    public static String svgString(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        SvgGraphics2D g = new SvgGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        g.dispose();
        return g.document();
    }

    /** Writes the chart's data as CSV (RFC 4180 quoting, '.' decimal separator, full double precision). */
    public static void csv(ChartData data, Path file) {
        AtomicFiles.writeString(file, csvString(data));
    }

    /** The CSV text of the chart's data. */
    public static String csvString(ChartData data) {
        StringBuilder sb = new StringBuilder();
        appendRow(sb, List.copyOf(data.csvHeader()));
        for (List<Object> row : data.csvRows()) {
            appendRow(sb, row);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<?> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(row.get(i)));
        }
        sb.append('\n');
    }

    private static String field(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() ? "" : Double.toString(d);
        }
        if (value instanceof Number n) {
            return String.format(Locale.ROOT, "%s", n);
        }
        return org.e2v.common.Csv.field(String.valueOf(value));
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("chart size must be positive, got " + width + " x " + height);
        }
    }
}
