package org.bordertransport.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageKindTest {
    @ParameterizedTest
    @CsvSource({
        "AutoReply, AUTO_REPLY",
        "outofoffice, OUT_OF_OFFICE",
        "' AutoForward ', AUTO_FORWARD",
        "DELIVERYREPORT, DELIVERY_REPORT",
        "NonDeliveryReport, NON_DELIVERY_REPORT",
    })
    void parseShouldAcceptTheConditionNamesInAnyCase(String name, MessageKind kind) {
        assertThat(MessageKind.parse(name)).isEqualTo(kind);
    }

    @Test
    void parseShouldNameTheValueAndTheAllowedOnes() {
        assertThatThrownBy(() -> MessageKind.parse("Bounce"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown message kind 'Bounce', allowed: AutoReply, OutOfOffice, AutoForward, DeliveryReport, "
                + "NonDeliveryReport");
        assertThatThrownBy(() -> MessageKind.parse("AUTO_REPLY"))
            .hasMessageStartingWith("unknown message kind 'AUTO_REPLY', allowed: ");
    }

    @Test
    void toStringIsTheConditionName() {
        assertThat(MessageKind.OUT_OF_OFFICE).hasToString("OutOfOffice");
    }
}
