package org.bordertransport.cli.ndr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Test;

class NdrRecipientsTest {
    @Test
    void toFieldsShouldGiveEveryAddressInOrder() {
        List<HeaderField> header = List.of(
            new HeaderField("To", "\"Doe, John\" <john@example.com>, plain@example.com (Plain, comment),\r\n"
                + " team: a@example.com, b@example.com;"),
            new HeaderField("Cc", "not@example.com"),
            new HeaderField("TO", "<SRS0=hvbe=JM=example.com=bob@forward.example>"));

        assertThat(Recipients.of(header)).containsExactly("john@example.com", "plain@example.com", "a@example.com",
            "b@example.com", "SRS0=hvbe=JM=example.com=bob@forward.example");
    }

    @Test
    void quotedLocalPartShouldStayWhole() {
        assertThat(Recipients.of(List.of(new HeaderField("To", "\"a,b\"@example.com, c@example.com"))))
            .containsExactly("\"a,b\"@example.com", "c@example.com");
    }

    @Test
    void emptyFieldShouldGiveNothing() {
        assertThat(Recipients.of(List.of(new HeaderField("To", " ")))).isEmpty();
    }
}
