package org.bordertransport.core.rtf;

/**
 * Compressed RTF or RTF that cannot be decoded: truncated, corrupt, over a limit of {@link RtfLimits}, or (in
 * {@link RtfMode#STRICT}) not conforming. The caller keeps the message body it had and logs this message.
 */
public class RtfException extends Exception {
    private static final long serialVersionUID = 1L;

    public RtfException(String message) {
        super(message);
    }
}
