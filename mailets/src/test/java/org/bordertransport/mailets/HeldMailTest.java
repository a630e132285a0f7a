package org.bordertransport.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class HeldMailTest {
    @Test
    void aReprocessedMailGetsANameOfItsOwnAndOtherMailKeepsItsName() throws Exception {
        FakeMail reprocessed = FakeMail.builder().name("Mail1700000000000-42").build();
        reprocessed.setAttribute(new Attribute(HeldMail.REPROCESSING, AttributeValue.of(true)));
        HeldMail.renameIfReprocessed(reprocessed);
        assertThat(reprocessed.getName()).matches("Mail1700000000000-42-held-[0-9a-z]+");

        FakeMail first = FakeMail.builder().name("Mail1700000000000-43").build();
        HeldMail.renameIfReprocessed(first);
        assertThat(first.getName()).isEqualTo("Mail1700000000000-43");
    }

    @Test
    void namesDoNotGrowWithEachHold() {
        String name = "Mail1700000000000-42";
        for (int i = 0; i < 5; i++) {
            String next = HeldMail.newName(name);
            assertThat(next).isNotEqualTo(name).startsWith("Mail1700000000000-42-held-");
            name = next;
        }
        assertThat(name.length()).isLessThan(90);
        assertThat(HeldMail.newName("x".repeat(500))).hasSizeLessThan(90);
    }
}
