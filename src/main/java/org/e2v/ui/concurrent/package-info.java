/**
 * Running service calls off the JavaFX thread: background tasks with throttled progress,
 * cancellation bridged to {@link org.e2v.common.CancellationToken}, error dialogs, and debouncing.
 */
package org.e2v.ui.concurrent;
