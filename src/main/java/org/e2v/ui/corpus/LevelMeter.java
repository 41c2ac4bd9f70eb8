package org.e2v.ui.corpus;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.layout.Region;

/**
 * A horizontal recording level meter: a bar for the RMS level and a thin marker for the peak, both
 * as fractions 0..1 of the width ({@link org.e2v.audio.Level#meterFraction}). The bar turns to the
 * "loud" colour above -12 dBFS and the marker to the "clip" colour at full scale; the colours come
 * from the theme (base.css {@code .level-meter}).
 */
public final class LevelMeter extends Region {
    /** Fraction above which the bar is drawn as loud (-12 dBFS on the -60..0 dB scale). */
    static final double LOUD_FRACTION = 0.8;

    private final DoubleProperty rms = new SimpleDoubleProperty(this, "rms");
    private final DoubleProperty peak = new SimpleDoubleProperty(this, "peak");
    private final Region bar = new Region();
    private final Region marker = new Region();

    public LevelMeter() {
        getStyleClass().add("level-meter");
        bar.getStyleClass().add("level-rms");
        marker.getStyleClass().add("level-peak");
        getChildren().addAll(bar, marker);
        rms.addListener((o, a, b) -> update());
        peak.addListener((o, a, b) -> update());
        setMinHeight(18);
        setPrefHeight(18);
        setPrefWidth(360);
        update();
    }

    /** RMS level as a fraction of the meter. */
    public DoubleProperty rmsProperty() {
        return rms;
    }

    /** Peak level as a fraction of the meter (1 = full scale: clipping). */
    public DoubleProperty peakProperty() {
        return peak;
    }

    private void update() {
        bar.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("loud"), rms.get() >= LOUD_FRACTION);
        marker.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("clip"), peak.get() >= 0.9999);
        marker.setVisible(peak.get() > 0);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        double barWidth = Math.max(0, Math.min(1, rms.get())) * w;
        bar.resizeRelocate(x, y, snapSizeX(barWidth), h);
        double p = Math.max(0, Math.min(1, peak.get())) * w;
        double markerWidth = 3;
        marker.resizeRelocate(snapPositionX(x + Math.min(w - markerWidth, Math.max(0, p - markerWidth / 2))), y,
                markerWidth, h);
    }
}
