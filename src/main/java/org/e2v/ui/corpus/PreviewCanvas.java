package org.e2v.ui.corpus;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Draws an {@link AudioPreview} on a canvas that follows its region's size: either the waveform
 * envelope or the spectrogram. Drawing is cheap (the preview is already reduced to pixel
 * resolution), so it runs on the FX thread on every resize.
 */
public final class PreviewCanvas extends Region {
    /** What to draw. */
    public enum Kind { WAVEFORM, SPECTROGRAM }

    /** Inferno-like colour map stops: dark for quiet, bright for loud, readable in both themes. */
    private static final Color[] MAP = {Color.web("#000004"), Color.web("#420a68"), Color.web("#932667"),
        Color.web("#dd513a"), Color.web("#fca50a"), Color.web("#fcffa4")};

    private final Kind kind;
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<AudioPreview> preview = new SimpleObjectProperty<>(this, "preview");
    private final ObjectProperty<Color> waveColor = new SimpleObjectProperty<>(this, "waveColor", Color.web("#2f6fde"));
    private final ObjectProperty<Color> textColor = new SimpleObjectProperty<>(this, "textColor", Color.web("#555555"));
    private WritableImage spectrogramImage;

    public PreviewCanvas(Kind kind) {
        this.kind = kind;
        getStyleClass().addAll("preview-canvas", kind == Kind.WAVEFORM ? "waveform" : "spectrogram");
        getChildren().add(canvas);
        preview.addListener((o, a, b) -> {
            spectrogramImage = null;
            draw();
        });
        waveColor.addListener((o, a, b) -> draw());
        textColor.addListener((o, a, b) -> draw());
        setMinHeight(60);
    }

    public ObjectProperty<AudioPreview> previewProperty() {
        return preview;
    }

    /** Colour of the waveform. */
    public ObjectProperty<Color> waveColorProperty() {
        return waveColor;
    }

    /** Colour of axis captions. */
    public ObjectProperty<Color> textColorProperty() {
        return textColor;
    }

    /** The canvas itself (tests take snapshots of it). */
    public Canvas canvas() {
        return canvas;
    }

    /**
     * A fixed preferred size: a Region's default follows its children, so the canvas's last size
     * would become the preferred size and the two canvases of the preview would drift apart.
     */
    @Override
    protected double computePrefWidth(double height) {
        return 200;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 100;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        AudioPreview p = preview.get();
        if (p == null || w < 2 || h < 2) {
            return;
        }
        if (kind == Kind.WAVEFORM) {
            drawWaveform(g, p, w, h);
        } else {
            drawSpectrogram(g, p, w, h);
        }
        g.setFill(kind == Kind.WAVEFORM ? textColor.get() : Color.WHITE);
        g.setFont(Font.font(11));
        String caption = kind == Kind.WAVEFORM ? String.format("%.2f s", p.durationSeconds())
                : String.format("0–%.0f kHz", p.sampleRateHz() / 2000.0);
        g.fillText(caption, 6, 14);
    }

    private void drawWaveform(GraphicsContext g, AudioPreview p, double w, double h) {
        int cols = p.envelopeMin().length;
        double mid = h / 2;
        double scale = (h / 2) - 2;
        g.setStroke(waveColor.get().deriveColor(0, 1, 1, 0.35));
        g.setLineWidth(1);
        g.strokeLine(0, mid + 0.5, w, mid + 0.5);
        g.setStroke(waveColor.get());
        int pixels = (int) w;
        for (int x = 0; x < pixels; x++) {
            int from = (int) ((long) x * cols / pixels);
            int to = Math.max(from + 1, (int) ((long) (x + 1) * cols / pixels));
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int c = from; c < Math.min(to, cols); c++) {
                lo = Math.min(lo, p.envelopeMin()[c]);
                hi = Math.max(hi, p.envelopeMax()[c]);
            }
            if (lo > hi) {
                continue;
            }
            double y1 = mid - hi * scale;
            double y2 = mid - lo * scale;
            // at least one pixel tall, so silence still shows as a line
            g.strokeLine(x + 0.5, Math.min(y1, mid), x + 0.5, Math.max(y2, mid + 1));
        }
    }

    private void drawSpectrogram(GraphicsContext g, AudioPreview p, double w, double h) {
        if (spectrogramImage == null) {
            spectrogramImage = new WritableImage(p.frames(), p.bins());
            PixelWriter px = spectrogramImage.getPixelWriter();
            for (int f = 0; f < p.frames(); f++) {
                for (int b = 0; b < p.bins(); b++) {
                    px.setColor(f, p.bins() - 1 - b, color(p.value(f, b))); // low frequencies at the bottom
                }
            }
        }
        g.setImageSmoothing(true);
        g.drawImage(spectrogramImage, 0, 0, w, h);
    }

    /** The colour map at {@code v} in [0, 1]. */
    static Color color(double v) {
        double x = Math.max(0, Math.min(1, v)) * (MAP.length - 1);
        int i = Math.min(MAP.length - 2, (int) x);
        return MAP[i].interpolate(MAP[i + 1], x - i);
    }
}
