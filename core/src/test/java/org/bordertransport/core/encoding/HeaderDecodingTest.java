package org.bordertransport.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Moved from {@code HeaderEncodingTest.Decoding} with {@link HeaderDecoding}. */
class HeaderDecodingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(=?ISO-8859-1?Q?a?=)|(a)",
        "(=?ISO-8859-1?Q?a?= b)|(a b)",
        "(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)|(ab)",
        "(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)|(ab)",
        "(=?ISO-8859-1?Q?a_b?=)|(a b)",
        "(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)|(a b)",
        "=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>|Keith Moore <moore@cs.utk.edu>",
        "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>|Keld J\u00f8rn Simonsen <keld@dkuug.dk>",
        "=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>|Andr\u00e9 Pirard <PIRARD@vm1.ulg.ac.be>",
        "=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?="
            + "|If you can read this you understand the example.",
        "=?ISO-8859-1?Q?Olle_J=E4rnefors?= <ojarnef@admin.kth.se>|Olle J\u00e4rnefors <ojarnef@admin.kth.se>",
        "Nathaniel Borenstein <nsb@thumper.bellcore.com> (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)"
            + "|Nathaniel Borenstein <nsb@thumper.bellcore.com> (\u05dd\u05d5\u05dc\u05e9 \u05df\u05d1 "
            + "\u05d9\u05dc\u05d8\u05e4\u05e0)",
    })
    void shouldDecodeRfc2047Section8Examples(String raw, String expected) throws Exception {
        assertThat(HeaderDecoding.decode(raw)).isEqualTo(expected);
    }

    @Test
    void shouldDecodeFoldedValues() throws Exception {
        assertThat(HeaderDecoding.decode("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)")).isEqualTo("(ab)");
    }

    @Test
    void shouldTolerateBrokenInput() throws Exception {
        assertThat(HeaderDecoding.decode("=?bogus?Q?a?= x")).isEqualTo("=?bogus?Q?a?= x");
        assertThat(HeaderDecoding.decode("=?utf-8?B?!!!?= x")).isEqualTo("=?utf-8?B?!!!?= x");
        assertThat(HeaderDecoding.decode("=?utf-8?Q?unterminated")).isEqualTo("=?utf-8?Q?unterminated");
        // found by MessageConverterFuzzTest (crash-f91533f8...): 4n+1 base64 characters before the padding
        assertThat(HeaderDecoding.decode("=?koi8-r?B?QUFBQ==?= x")).isEqualTo("=?koi8-r?B?QUFBQ==?= x");
        assertThat(HeaderDecoding.decode("abc=?utf-8?Q?=C3=A9?=def")).isEqualTo("abc\u00e9def");
        assertThat(HeaderDecoding.decode("=?utf-8*en?Q?lang?=")).isEqualTo("lang");
        assertThat(HeaderDecoding.decode("=?utf-8?Q?bad=ZZescape?=")).isEqualTo("bad=ZZescape");
        assertThat(HeaderDecoding.decode("=?utf-8?B?w6k?=")).as("missing padding").isEqualTo("\u00e9");
        assertThat(HeaderDecoding.decode("=?utf-8?Q?=FF?=")).isEqualTo("\ufffd");
    }

    @Test
    void shouldJoinACharacterSplitAcrossWords() throws Exception {
        assertThat(HeaderDecoding.decode("=?utf-8?B?8J+Y?= =?utf-8?B?gA==?=")).isEqualTo("\ud83d\ude00");
        assertThat(DecoderUtil.decodeEncodedWords("=?utf-8?B?8J+Y?= =?utf-8?B?gA==?=", DecodeMonitor.SILENT))
            .as("mime4j decodes each word alone").isNotEqualTo("\ud83d\ude00");
    }
}
