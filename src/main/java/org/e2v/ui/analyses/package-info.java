/**
 * The Analyses screen: a run directory's figures (Figs. 2-5, confusion, training curves, the PCA
 * embedding map with click-to-play) and the margin explorer, which switches every view to another
 * margin's encoder of a margin sweep.
 */
package org.e2v.ui.analyses;
