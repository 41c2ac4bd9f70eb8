package org.e2v.ui.features;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.e2v.domain.FeatureMatrix;

/**
 * A feature matrix as a heat map: frames on x (time in seconds when the hop is known), feature
 * dimensions on y. Each dimension is scaled to its own min..max, because features differ in
 * range by orders of magnitude (energy vs. MFCCs); the tooltip names the column under the mouse.
 */
public final class FeatureImage extends Region {
    private static final double LEFT = 56;
    private static final double BOTTOM = 40;
    private static final double TOP = 8;
    private static final double RIGHT = 10;
    /** A perceptually ordered ramp from dark blue through teal and green to yellow (viridis-like). */
    private static final Color[] RAMP = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
        Color.web("#5ec962"), Color.web("#fde725")};

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<FeatureMatrix> matrix = new SimpleObjectProperty<>(this, "matrix");
    private final ObjectProperty<Color> textColor = new SimpleObjectProperty<>(this, "textColor", Color.gray(0.2));
    private final Tooltip tooltip = new Tooltip();
    private List<String> columns = List.of();
    private double hopSeconds = Double.NaN;
    private WritableImage image;

    public FeatureImage() {
        getChildren().add(canvas);
        getStyleClass().add("feature-image");
        matrix.addListener((o, a, b) -> {
            image = b == null ? null : render(b);
            draw();
        });
        textColor.addListener((o, a, b) -> draw());
        Tooltip.install(canvas, tooltip);
        canvas.setOnMouseMoved(e -> {
            FeatureMatrix m = matrix.get();
            if (m == null || e.getX() < LEFT || e.getY() < TOP || e.getY() > canvas.getHeight() - BOTTOM) {
                tooltip.setText("");
                return;
            }
            double h = canvas.getHeight() - TOP - BOTTOM;
            // dimension 0 is drawn at the bottom
            int dim = (int) Math.min(m.dims() - 1, Math.floor((canvas.getHeight() - BOTTOM - e.getY()) / h * m.dims()));
            int frame = (int) Math.min(m.frames() - 1, Math.floor((e.getX() - LEFT) / (canvas.getWidth() - LEFT - RIGHT) * m.frames()));
            String name = dim < columns.size() ? columns.get(dim) : "dim " + dim;
            tooltip.setText(String.format(Locale.ROOT, "%s (dim %d)\nframe %d%s\nvalue %.4g", name, dim, frame,
                    Double.isNaN(hopSeconds) ? "" : String.format(Locale.ROOT, ", %.2f s", frame * hopSeconds), m.get(frame, dim)));
        });
        setMinSize(200, 120);
        setPrefSize(700, 320);
    }

    /** The matrix shown (null = empty). */
    public ObjectProperty<FeatureMatrix> matrixProperty() {
        return matrix;
    }

    public ObjectProperty<Color> textColorProperty() {
        return textColor;
    }

    /** Column names (tooltips) and the hop (x axis in seconds; NaN = frames). Set before the matrix. */
    public void setAxes(List<String> columnNames, double hopSecondsValue) {
        columns = List.copyOf(columnNames);
        hopSeconds = hopSecondsValue;
        draw();
    }

    public Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(0, getWidth()));
        canvas.setHeight(Math.max(0, getHeight()));
        draw();
    }

    /** One pixel per frame and dimension, each dimension scaled to its own range. */
    static WritableImage render(FeatureMatrix m) {
        WritableImage img = new WritableImage(Math.max(1, m.frames()), Math.max(1, m.dims()));
        PixelWriter w = img.getPixelWriter();
        for (int d = 0; d < m.dims(); d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int f = 0; f < m.frames(); f++) {
                double v = m.get(f, d);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            double span = hi - lo;
            for (int f = 0; f < m.frames(); f++) {
                double v = m.get(f, d);
                double t = !Double.isFinite(v) || !(span > 0) ? 0.5 : (v - lo) / span;
                w.setColor(f, m.dims() - 1 - d, ramp(t));
            }
        }
        return img;
    }

    static Color ramp(double t) {
        double x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = (int) Math.min(RAMP.length - 2, Math.floor(x));
        return RAMP[i].interpolate(RAMP[i + 1], x - i);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        FeatureMatrix m = matrix.get();
        g.setFill(textColor.get());
        g.setFont(Font.font(11));
        if (m == null || image == null || w <= LEFT + RIGHT || h <= TOP + BOTTOM) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Extract features, then pick an utterance", w / 2, h / 2);
            return;
        }
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        g.setImageSmoothing(false);
        g.drawImage(image, LEFT, TOP, pw, ph);
        g.setStroke(textColor.get());
        g.setLineWidth(1);
        g.strokeRect(LEFT - 0.5, TOP - 0.5, pw + 1, ph + 1);
        // x ticks: about 6, in seconds when the hop is known
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        boolean seconds = !Double.isNaN(hopSeconds);
        double total = seconds ? m.frames() * hopSeconds : m.frames();
        double step = niceStep(total / 6);
        for (double v = 0; v <= total + 1e-9; v += step) {
            double x = LEFT + v / total * pw;
            g.strokeLine(x, TOP + ph, x, TOP + ph + 4);
            g.fillText(seconds ? String.format(Locale.ROOT, step < 1 ? "%.1f" : "%.0f", v) : String.format(Locale.ROOT, "%.0f", v),
                    x, TOP + ph + 6);
        }
        g.fillText(seconds ? "time (s)" : "frame", LEFT + pw / 2, TOP + ph + 22);
        // y ticks at dimension indices
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double ystep = Math.max(1, niceStep(m.dims() / 5.0));
        for (double d = 0; d < m.dims(); d += ystep) {
            double y = TOP + ph - (d + 0.5) / m.dims() * ph;
            g.strokeLine(LEFT - 4, y, LEFT, y);
            g.fillText(String.format(Locale.ROOT, "%.0f", d), LEFT - 6, y);
        }
        g.save();
        g.translate(14, TOP + ph / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("feature", 0, 0);
        g.restore();
    }

    private static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }
}
