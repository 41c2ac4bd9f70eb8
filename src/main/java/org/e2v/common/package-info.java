/**
 * Cross-cutting primitives every layer may use: progress sinks, cooperative cancellation, user-facing errors, atomic file writes, application paths and seed derivation. No library types beyond the JDK.
 */
package org.e2v.common;
