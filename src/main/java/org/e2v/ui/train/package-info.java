/** The Train screen: a task form, background runs of the experiment runner with live curves, finished runs. */
package org.e2v.ui.train;
