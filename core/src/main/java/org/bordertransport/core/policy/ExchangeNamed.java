package org.bordertransport.core.policy;

import java.util.List;

/**
 * A setting value with the exact spelling Exchange's {@code Set-RemoteDomain} uses for it ({@code MimeHtmlText},
 * {@code UseQP}, {@code 50220}); the remote-domain file and error messages use that spelling.
 */
public interface ExchangeNamed {
    /** The value as written in Exchange and in the remote-domain file. */
    String exchangeName();

    /** Other spellings accepted when parsing (older Exchange versions); none by default. */
    default List<String> aliases() {
        return List.of();
    }
}
