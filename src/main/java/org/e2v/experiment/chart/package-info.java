/**
 * Chart factory: JFreeChart (AWT) charts of the paper's figures built from plain data records, so
 * that the same chart renders headless to PNG/SVG in run directories and inside the GUI's chart
 * viewer. Also CSV export of every chart's data. No JavaFX here (the GUI wraps these charts).
 */
package org.e2v.experiment.chart;
