package org.bordertransport.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

/** FakeMailContext hosts only {@code localhost}. */
class IsSrsRecipientTest {
    private static IsSrsRecipient matcher(String condition) throws MessagingException {
        IsSrsRecipient matcher = new IsSrsRecipient();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsSrsRecipient").condition(condition)
            .mailetContext(FakeMailContext.defaultContext()).build());
        return matcher;
    }

    @Test
    void matchesEverySrsFormInOurDomainsOnly() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients(
            "john.work+SRS=abcdefgh=JM=fabrikam.com=bob@localhost", "bounces+SRS=abcdefgh=JM@localhost",
            "SRS0=HHHH=TT=fabrikam.com=bob@localhost", "srs1=HHHH=first.example==HHHH=TT=a.com=b@localhost",
            "john@localhost", "john+tag@localhost", "SRS0=HHHH=TT=fabrikam.com=bob@example.com").build();

        assertThat(matcher(null).match(mail)).containsExactly(
            new MailAddress("john.work+SRS=abcdefgh=JM=fabrikam.com=bob@localhost"),
            new MailAddress("bounces+SRS=abcdefgh=JM@localhost"),
            new MailAddress("SRS0=HHHH=TT=fabrikam.com=bob@localhost"),
            new MailAddress("srs1=HHHH=first.example==HHHH=TT=a.com=b@localhost"));
    }

    @Test
    void takesNoCondition() {
        assertThatThrownBy(() -> matcher("m365"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("IsSrsRecipient: invalid condition 'm365', allowed: no condition");
    }
}
