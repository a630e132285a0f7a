package org.bordertransport.core.convert;

import java.util.Optional;

import org.bordertransport.core.encoding.ContentScan;
import org.bordertransport.core.encoding.TransferEncoding;
import org.bordertransport.core.mime.MimeNode;

/** What {@link MessageConverter} learns about one entity in the first pass and what the second pass does with it. */
final class PartPlan {
    enum Action { COPY, REENCODE, OCTET_STREAM, CONVERT, MESSAGE }

    /** The {@code charset} parameter; for undeclared text, the charset it was read in once decoded. */
    Optional<String> declaredCharset = Optional.empty();
    boolean attachment;
    ContentScan rawScan;
    ContentScan decodedScan;

    Action action = Action.COPY;
    TransferEncoding targetEncoding;
    String targetType;
    boolean addTextAlternative;
    /** The alternative that replaces a multipart/alternative. */
    MimeNode<PartPlan> replacement;
    boolean headersChanged;
    /**
     * A multipart labelled 8bit or binary whose content the conversion makes 7-bit, or an attached message labelled so
     * that is 7-bit: its label becomes 7bit.
     */
    boolean relabelSevenBit;
}
