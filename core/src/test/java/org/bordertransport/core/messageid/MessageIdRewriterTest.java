package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bordertransport.core.mail.HeaderField;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessageIdRewriterTest {
    private final PublicMessageIds codec = new PublicMessageIds(MessageIdKeys.parse(TestKeys.key("k1", 1)), "border.test");
    private final MessageIdRewriter rewriter = new MessageIdRewriter(codec,
        InternalHosts.of(".local,.internal,.lan,.corp.local", "corp.example.com", true));

    private static HeaderField h(String name, String value) {
        return new HeaderField(name, value);
    }

    private static String value(List<HeaderField> headers, String name) {
        return headers.stream().filter(f -> f.hasName(name)).map(HeaderField::value).findFirst().orElseThrow();
    }

    @Nested
    class Outbound {
        @Test
        void shouldReplaceInternalIdsInEveryIdHeaderConsistently() {
            String pub = "<" + codec.toPublic("abc@exch01.corp.local") + ">";
            List<HeaderField> headers = List.of(
                h("From", "alice@border.test"),
                h("Message-ID", " <abc@exch01.corp.local>"),
                h("In-Reply-To", "<abc@exch01.corp.local>"),
                h("References", "<x@gmail.com>\r\n <abc@exch01.corp.local> (comment)\r\n <y@mx.corp.example.com>"),
                h("Resent-Message-ID", "<z@EXCH02>"));
            MessageIdRewriter.Outcome outcome = rewriter.toPublic(headers);

            assertThat(outcome.rewritten()).isEqualTo(3);
            assertThat(outcome.oneWay()).isZero();
            assertThat(value(outcome.headers(), "Message-ID")).isEqualTo(pub);
            assertThat(value(outcome.headers(), "In-Reply-To")).isEqualTo(pub);
            assertThat(value(outcome.headers(), "References")).isEqualTo("<x@gmail.com>\r\n " + pub + "\r\n <"
                + codec.toPublic("y@mx.corp.example.com") + ">");
            assertThat(value(outcome.headers(), "Resent-Message-ID")).isEqualTo("<" + codec.toPublic("z@EXCH02") + ">");
            assertThat(outcome.headers().get(0)).isSameAs(headers.get(0));
            assertThat(outcome.headers().toString()).doesNotContainIgnoringCase("corp").doesNotContainIgnoringCase("exch0");
        }

        @Test
        void shouldRemoveCopiesOfReplacedIdsFromOtherHeaders() {
            List<HeaderField> headers = List.of(
                h("Message-ID", "<abc@exch01.corp.local>"),
                h("X-Original-Message-ID", "<abc@exch01.corp.local>"),
                h("X-Trace", "seen abc@exch01.corp.local at 10:00"));
            MessageIdRewriter.Outcome outcome = rewriter.toPublic(headers);
            String pub = codec.toPublic("abc@exch01.corp.local");
            assertThat(value(outcome.headers(), "X-Original-Message-ID")).isEqualTo("<" + pub + ">");
            assertThat(value(outcome.headers(), "X-Trace")).isEqualTo("seen " + pub + " at 10:00");
        }

        @Test
        void shouldNotTouchLongerIdsOrWordsThatMerelyContainAReplacedId() {
            List<HeaderField> headers = List.of(
                h("Message-ID", "<1.2@srv.lan>"),
                h("References", "<a1.2@srv.lan.example.com>"),
                h("X-Note", "see 51.2@srv.lance and 1.2@srv.lan."));
            MessageIdRewriter.Outcome outcome = rewriter.toPublic(headers);
            String pub = codec.toPublic("1.2@srv.lan");
            assertThat(value(outcome.headers(), "References")).isEqualTo("<a1.2@srv.lan.example.com>");
            assertThat(value(outcome.headers(), "X-Note")).isEqualTo("see 51.2@srv.lance and " + pub + ".");
        }

        @Test
        void shouldLeavePublicIdsAndOtherHeadersUntouched() {
            List<HeaderField> headers = List.of(
                h("Message-ID", "<abc@mail.gmail.com>"),
                h("References", "<x@example.org>\r\n\t<y@example.net>"),
                h("Subject", "hello exch01.corp.local"));
            MessageIdRewriter.Outcome outcome = rewriter.toPublic(headers);
            assertThat(outcome.changed()).isFalse();
            assertThat(outcome.headers()).containsExactlyElementsOf(headers);
            for (int i = 0; i < headers.size(); i++) {
                assertThat(outcome.headers().get(i)).isSameAs(headers.get(i));
            }
        }

        @Test
        void shouldReplaceMalformedInternalIdsToo() {
            List<HeaderField> headers = List.of(h("Message-ID", "abc@exch01.corp.local"),
                h("In-Reply-To", "<def@srv.lan"));
            MessageIdRewriter.Outcome outcome = rewriter.toPublic(headers);
            assertThat(value(outcome.headers(), "Message-ID")).isEqualTo("<" + codec.toPublic("abc@exch01.corp.local") + ">");
            assertThat(value(outcome.headers(), "In-Reply-To")).isEqualTo("<" + codec.toPublic("def@srv.lan") + ">");
        }

        @Test
        void shouldGiveOverLongIdsTheOneWayForm() {
            String huge = "x".repeat(900) + "@exch01.corp.local";
            MessageIdRewriter.Outcome outcome = rewriter.toPublic(List.of(h("Message-ID", "<" + huge + ">")));
            assertThat(outcome.oneWay()).isEqualTo(1);
            assertThat(value(outcome.headers(), "Message-ID")).startsWith("<h.k1.").doesNotContain("corp");
        }

        @Test
        void shouldRefuseAPublicDomainThatIsInternal() {
            PublicMessageIds internalCodec = new PublicMessageIds(MessageIdKeys.parse(TestKeys.key("k1", 1)), "mail.corp.local");
            assertThatThrownBy(() -> new MessageIdRewriter(internalCodec, InternalHosts.of(".local", "", true)))
                .hasMessageContaining("'mail.corp.local' is itself an internal host");
        }
    }

    @Test
    void replaceWholeIdsShouldRespectWordBoundaries() {
        assertThat(MessageIdRewriter.replaceWholeIds("<a@b.lan> a@b.lan, x.a@b.lan a@b.lan.com a@b.lan.", "a@b.lan", "P"))
            .isEqualTo("<P> P, x.a@b.lan a@b.lan.com P.");
        assertThat(MessageIdRewriter.replaceWholeIds("aa@b.lan", "a@b.lan", "P")).isEqualTo("aa@b.lan");
        assertThat(MessageIdRewriter.replaceWholeIds("nothing here", "a@b.lan", "P")).isEqualTo("nothing here");
        assertThat(MessageIdRewriter.replaceWholeIds("a@a@a@a", "a@a", "P")).isEqualTo("a@a@a@a");
        assertThat(MessageIdRewriter.replaceWholeIds("<x<y@h.lan><x<y@h.lan>", "x<y@h.lan", "P")).isEqualTo("<P><P>");
    }

    @Nested
    class Inbound {
        @Test
        void shouldRestoreOurPublicIdsInReplies() {
            String pub = codec.toPublic("abc@exch01.corp.local");
            List<HeaderField> headers = List.of(
                h("Message-ID", "<reply1@mail.gmail.com>"),
                h("In-Reply-To", "<" + pub + ">"),
                h("References", "<older@mail.gmail.com> <" + pub + ">"));
            MessageIdRewriter.Outcome outcome = rewriter.toInternal(headers);
            assertThat(outcome.rewritten()).isEqualTo(1);
            assertThat(outcome.unverified()).isZero();
            assertThat(value(outcome.headers(), "In-Reply-To")).isEqualTo("<abc@exch01.corp.local>");
            assertThat(value(outcome.headers(), "References")).isEqualTo("<older@mail.gmail.com>\r\n <abc@exch01.corp.local>");
            assertThat(outcome.headers().get(0)).isSameAs(headers.get(0));
        }

        @Test
        void shouldLeaveForgedIdsAsTheyAreAndCountThem() {
            String forged = "k1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@border.test";
            List<HeaderField> headers = List.of(h("In-Reply-To", "<" + forged + ">"));
            MessageIdRewriter.Outcome outcome = rewriter.toInternal(headers);
            assertThat(outcome.changed()).isFalse();
            assertThat(outcome.unverified()).isEqualTo(1);
            assertThat(outcome.headers().get(0)).isSameAs(headers.get(0));
        }

        @Test
        void outboundThenInboundShouldGiveTheOriginalIdsBack() {
            List<HeaderField> original = List.of(
                h("Message-ID", "<abc@exch01.corp.local>"),
                h("References", "<one@srv.internal>\r\n <two@example.org>"));
            MessageIdRewriter.Outcome out = rewriter.toPublic(original);
            MessageIdRewriter.Outcome back = rewriter.toInternal(out.headers());
            assertThat(value(back.headers(), "Message-ID")).isEqualTo("<abc@exch01.corp.local>");
            assertThat(value(back.headers(), "References")).isEqualTo("<one@srv.internal>\r\n <two@example.org>");
        }
    }
}
