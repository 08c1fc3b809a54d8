package dev.liminal.acquisition.lsl;

import java.io.IOException;

/**
 * An LSL peer sent something malformed, hostile or incompatible, or a stream was lost. The
 * message is one line naming the stream and, where known, the field:
 * {@code "stream 'EEG' (uid 1f3…): channel_count '9999999' exceeds the limit 65536"}.
 */
public class LslProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public LslProtocolException(String message) {
        super(message);
    }

    public LslProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
