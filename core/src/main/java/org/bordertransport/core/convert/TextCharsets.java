package org.bordertransport.core.convert;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.bordertransport.core.charset.Iso2022JpVariant;
import org.bordertransport.core.policy.RemoteDomainSettings;

/** Charset names and checks shared by the parts of {@link MessageConverter}. */
final class TextCharsets {
    private TextCharsets() {
    }

    static Optional<String> strictDecode(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static Optional<Charset> charsetFor(String name) {
        try {
            return Optional.of(Charset.forName(name.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean isIso2022Jp(Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        return name.equals("iso-2022-jp") || name.equals("x-windows-iso2022jp");
    }

    static boolean sameCharset(String declared, Charset target) {
        return charsetFor(declared).map(target::equals).orElse(false);
    }

    static Iso2022JpVariant variant(RemoteDomainSettings settings) {
        OptionalInt codePage = settings.preferredInternetCodePageForShiftJis().codePage();
        return codePage.isPresent() ? Iso2022JpVariant.fromCodePage(String.valueOf(codePage.getAsInt()))
            : Iso2022JpVariant.CP50220;
    }

    static String label(Charset charset) {
        return isIso2022Jp(charset) ? Iso2022JpVariant.MIME_CHARSET : charset.name();
    }
}
