/**
 * Workspaces: what a workbench session has open (corpus, enrollment bins, model and run, screen
 * state), saved atomically as versioned JSON, plus the autosave journal that lets the GUI offer a
 * restore after a crash. Plain Java; the GUI and the CLI both use it.
 */
package org.e2v.experiment.workspace;
