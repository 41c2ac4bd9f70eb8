package org.e2v.audio;

import org.e2v.common.E2vException;

/** Opens a capture line (the microphone, or a synthetic line in tests). */
@FunctionalInterface
public interface CaptureLineSource {
    /**
     * Opens a line delivering {@link Microphone#CAPTURE_FORMAT}.
     *
     * @throws E2vException when there is no capture device or it cannot be opened
     */
    CaptureLine open();
}
