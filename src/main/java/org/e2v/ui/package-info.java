/**
 * The JavaFX workbench: one sub-package per screen (View + ViewModel), charts and UI concurrency. The only package that imports javafx.
 */
package org.e2v.ui;
