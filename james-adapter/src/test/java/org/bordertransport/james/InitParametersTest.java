package org.bordertransport.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class InitParametersTest {
    enum Colour { RED, GREEN, BLUE }

    private static InitParameters of(String... pairs) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("M");
        for (int i = 0; i < pairs.length; i += 2) {
            config.setProperty(pairs[i], pairs[i + 1]);
        }
        return InitParameters.of(config.build(), Set.of("a", "n", "c", "addr", "p"));
    }

    @Test
    void unknownNamesAreRejectedButTheContainersOwnAreNot() throws Exception {
        assertThatThrownBy(() -> of("b", "x"))
            .hasMessage("M: Unknown parameter 'b': allowed parameters are [a, addr, c, n, p]");
        assertThat(of("onMailetException", "ignore", "onMatchException", "noMatch").asMap()).isEmpty();
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() throws Exception {
        assertThat(of("a", " true ").bool("a", false)).isTrue();
        assertThat(of().bool("a", true)).isTrue();
        assertThatThrownBy(() -> of("a", "yes").bool("a", false))
            .hasMessage("M: Invalid parameter 'a': 'yes', allowed values are true, false");
        assertThat(of("a", "TRUE").bool("a", false)).isTrue();
        assertThat(of("a", "False").bool("a", true)).isFalse();
        assertThatThrownBy(() -> of("a", "truee").bool("a", false)).isInstanceOf(MessagingException.class);
    }

    @Test
    void integersLieInTheirRange() throws Exception {
        assertThat(of("n", "7").integer("n", 3, 1, 10)).isEqualTo(7);
        assertThat(of().integer("n", 3, 1, 10)).isEqualTo(3);
        assertThat(of().integer("n", 1, 10)).isEmpty();
        assertThatThrownBy(() -> of("n", "0").integer("n", 3, 1, 10))
            .hasMessage("M: Invalid parameter 'n': '0', allowed: 1 to 10");
        assertThatThrownBy(() -> of("n", "two").integer("n", 3, 1, 10))
            .hasMessage("M: Invalid parameter 'n': 'two', expected a whole number from 1 to 10");
    }

    @Test
    void choicesNameTheAllowedValues() throws Exception {
        assertThat(of("c", "Green").choice("c", Colour.RED, EnumSet.of(Colour.RED, Colour.GREEN)))
            .isEqualTo(Colour.GREEN);
        assertThatThrownBy(() -> of("c", "blue").choice("c", Colour.RED, EnumSet.of(Colour.RED, Colour.GREEN)))
            .hasMessage("M: Invalid parameter 'c': 'blue', allowed: green, red");
        assertThatThrownBy(() -> of("c", "x").oneOf("c", "a", "a", "b"))
            .hasMessage("M: Invalid parameter 'c': 'x', allowed values are a, b");
    }

    @Test
    void addressesAndProcessors() throws Exception {
        assertThat(of("addr", "a@b.test").address("addr")).contains(new MailAddress("a@b.test"));
        assertThat(of().address("addr")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> of("addr", "not an address").address("addr"))
            .hasMessageStartingWith("M: Invalid parameter 'addr': 'not an address' is not an address");
        assertThat(of("p", " error ").processor("p", "name one")).isEqualTo("error");
        assertThatThrownBy(() -> of().processor("p", "name one"))
            .hasMessage("M: Invalid parameter 'p': missing; name one");
    }

    @Test
    void otherSourcesAreCheckedAlike() {
        assertThatThrownBy(() -> InitParameters.of("Hook", Map.of("x", "1"), Set.of("y")))
            .hasMessage("Hook: Unknown parameter 'x': allowed parameters are [y]");
    }
}
