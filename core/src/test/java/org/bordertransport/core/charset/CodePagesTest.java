package org.bordertransport.core.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CodePagesTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @Test
    void codePagesMapToJavaCharsets() {
        assertThat(CodePages.charset(1252)).isEqualTo(CP1252);
        assertThat(CodePages.charset(932).name()).isEqualTo("windows-31j");
        assertThat(CodePages.charset(65001)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CodePages.charset(936).name()).isEqualTo("GBK");
        assertThat(CodePages.charset(949).name()).isEqualTo("x-windows-949");
        assertThat(CodePages.charset(950).name()).isEqualTo("x-windows-950");
        assertThat(CodePages.charset(1258).name()).isEqualTo("windows-1258");
        assertThat(CodePages.charset(20127)).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(CodePages.charset(28591)).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(CodePages.charset(28605).name()).isEqualTo("ISO-8859-15");
        assertThat(CodePages.lookup(65000)).isEmpty();
        assertThat(CodePages.lookup(-1)).isEmpty();
        assertThat(CodePages.lookup(0)).isEmpty();
        assertThat(CodePages.charset(0xFFFFFFFFL)).isEqualTo(CP1252);
    }

    @Test
    void theTableComesBeforeTheJavaNames() {
        assertThat(CodePages.charset(50220).name()).isEqualTo("ISO-2022-JP");
        assertThat(CodePages.charset(10000).name()).isEqualTo("x-MacRoman");
        assertThat(CodePages.charset(1361).name()).isEqualTo("x-Johab");
    }

    @Test
    void codePagesOutsideTheTableAreTriedAsJavaNames() {
        assertThat(CodePages.lookup(1047)).contains(Charset.forName("IBM1047"));
        assertThat(CodePages.lookup(4242)).isEmpty();
    }

    @Test
    void rtfFontCharacterSetsMapToCodePages() {
        assertThat(CodePages.ofCharacterSet(0, 932)).isEqualTo(1252);
        assertThat(CodePages.ofCharacterSet(128, 1252)).isEqualTo(932);
        assertThat(CodePages.ofCharacterSet(204, 1252)).isEqualTo(1251);
        assertThat(CodePages.ofCharacterSet(1, 1250)).isEqualTo(1250);
        assertThat(CodePages.ofCharacterSet(2, 1250)).isEqualTo(1250);
    }
}
