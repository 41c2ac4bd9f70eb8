/** The workbench's workspace state on the FX side: the observable current workspace, its file, dirty tracking and autosave. */
package org.e2v.ui.workspace;
