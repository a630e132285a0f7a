package org.bordertransport.core.tnefmime;

import static org.bordertransport.core.tnefmime.MimeFixture.HEADERS;
import static org.bordertransport.core.tnefmime.MimeFixture.ascii;

import java.nio.file.Files;

import org.bordertransport.core.tnef.TnefCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the TNEF corpus in the other forms of issue 14: uuencoded in a non-MIME text body, and as a
 * winmail.dat inside an attached message; each gives every attachment Debian {@code tnef} 1.4.18 extracted, as
 * {@link TnefMimeCorpusConformanceTest} checks for a plain winmail.dat (the refused files a typed error naming the
 * form). Runs in the {@code corpus} profile; fails when the corpus is missing.
 */
class TnefFormsCorpusConformanceTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bordertransport.core.tnef.TnefCorpus#files")
    void uuencodedInANonMimeTextBody(String path) throws Exception {
        byte[] tnef = Files.readAllBytes(TnefCorpus.corpus().resolve(path));
        byte[] message = ascii("From: a@example.com\r\nSubject: corpus\r\n\r\nSee the attachment.\r\n\r\n"
            + TnefFormsTest.uuencoded("WINMAIL.DAT", tnef) + "\r\nBye\r\n");
        TnefMimeCorpusConformanceTest.convertsLikeTheReference(TnefCorpus.row(path), tnef, message,
            "TNEF part root (uuencoded WINMAIL.DAT in text/plain) cannot be decoded: ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.bordertransport.core.tnef.TnefCorpus#files")
    void insideAnAttachedMessage(String path) throws Exception {
        byte[] tnef = Files.readAllBytes(TnefCorpus.corpus().resolve(path));
        byte[] message = MimeFixture.concat(ascii(HEADERS + "Content-Type: multipart/mixed; boundary=fw\r\n\r\n"
            + "--fw\r\nContent-Type: text/plain\r\n\r\nforwarded\r\n--fw\r\nContent-Type: message/rfc822\r\n\r\n"),
            MimeFixture.concat(MimeFixture.winmail(tnef), ascii("\r\n--fw--\r\n")));
        TnefMimeCorpusConformanceTest.convertsLikeTheReference(TnefCorpus.row(path), tnef, message,
            "TNEF part 2/2 (application/ms-tnef (winmail.dat)) cannot be decoded: ");
    }
}
