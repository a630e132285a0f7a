package org.bordertransport.core.tnef;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Forwards to {@link org.bordertransport.core.charset.CodePages}, the one code page table. Kept only until
 * {@code tnefmime.TnefMimeWriter} imports that class instead (it is being rewritten elsewhere); then delete this file.
 *
 * @deprecated use {@link org.bordertransport.core.charset.CodePages}
 */
@Deprecated
public final class CodePages {
    /** {@link org.bordertransport.core.charset.CodePages#DEFAULT}. */
    public static final int DEFAULT = org.bordertransport.core.charset.CodePages.DEFAULT;

    private CodePages() {
    }

    /** {@link org.bordertransport.core.charset.CodePages#lookup(long)}. */
    public static Optional<Charset> lookup(long codePage) {
        return org.bordertransport.core.charset.CodePages.lookup(codePage);
    }

    /** {@link org.bordertransport.core.charset.CodePages#charset(long)}. */
    public static Charset charset(long codePage) {
        return org.bordertransport.core.charset.CodePages.charset(codePage);
    }
}
