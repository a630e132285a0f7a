package org.bordertransport.core.tnefmime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeTypesTest {
    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        "Application/PDF, x.bin, application/pdf",
        "' image/png ', x.bin, image/png",
        "message/rfc822, mail.eml, application/octet-stream",
        "multipart/mixed, x.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "not a type, photo.JPG, image/jpeg",
        "'', report.pdf, application/pdf",
        "'', archive.unknownext, application/octet-stream",
        "'', noextension, application/octet-stream",
        "'', trailingdot., application/octet-stream",
    })
    void fromMimeTagElseExtension(String tag, String name, String expected) {
        assertThat(MimeTypes.of(tag.isEmpty() ? Optional.empty() : Optional.of(tag), name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "short.txt, 20, short.txt",
        "averyveryverylongname.pdf, 12, averyver.pdf",
        "\ud83d\ude00\ud83d\ude00\ud83d\ude00, 3, \ud83d\ude00",
        "a\ud800b, 10, a\ufffdb",
    })
    void namesAreCutKeepingTheExtensionAndWholeCharacters(String name, int max, String expected) {
        assertThat(TnefMimeParts.clean(name, max)).isEqualTo(expected);
    }
}
