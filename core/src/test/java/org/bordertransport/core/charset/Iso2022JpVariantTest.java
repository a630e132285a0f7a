package org.bordertransport.core.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Iso2022JpVariantTest {
    @Test
    void fromCodePageShouldReadTheThreeCodePages() {
        assertThat(Iso2022JpVariant.fromCodePage("50220")).isEqualTo(Iso2022JpVariant.CP50220);
        assertThat(Iso2022JpVariant.fromCodePage(" 50221 ")).isEqualTo(Iso2022JpVariant.CP50221);
        assertThat(Iso2022JpVariant.fromCodePage("50222")).isEqualTo(Iso2022JpVariant.CP50222);
        assertThat(Iso2022JpVariant.CP50222.codePage()).isEqualTo(50222);
    }

    @Test
    void fromCodePageShouldRejectOtherValues() {
        assertThatThrownBy(() -> Iso2022JpVariant.fromCodePage("932"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'932' is not an ISO-2022-JP code page: allowed values are 50220, 50221, 50222");
        assertThatThrownBy(() -> Iso2022JpVariant.fromCodePage(null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'null' is not an ISO-2022-JP code page: allowed values are 50220, 50221, 50222");
    }
}
