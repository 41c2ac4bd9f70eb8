/** The Features screen: choose and run a feature extractor over the open corpus, look at the matrices. */
package org.e2v.ui.features;
