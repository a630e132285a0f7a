package org.bordertransport.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.bordertransport.core.auth.DmarcAlignment.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DmarcAlignmentTest {
    /** A two-label organizational domain, or three under co.uk: enough public suffix list for these tests. */
    private static final DmarcAlignment ALIGNMENT = DmarcAlignment.withOrganizationalDomains(domain -> {
        String[] labels = domain.split("\\.");
        int keep = domain.endsWith(".co.uk") ? 3 : 2;
        return labels.length <= keep ? domain
            : String.join(".", List.of(labels).subList(labels.length - keep, labels.length));
    });
    private static final Optional<DmarcRecord> RELAXED = Optional.of(DmarcRecord.of(false, false));
    private static final Optional<DmarcRecord> STRICT = Optional.of(DmarcRecord.of(true, true));

    @Nested
    class Verdicts {
        @Test
        void verdictShouldBeNoneWhenTheFromDomainHasNoRecord() {
            assertThat(ALIGNMENT.verdict("example.com", Optional.empty(), Optional.of("example.com"), List.of()))
                .isEqualTo(Verdict.NONE);
        }

        @Test
        void verdictShouldPassWhenSpfPassesForTheFromDomain() {
            assertThat(ALIGNMENT.verdict("example.com", STRICT, Optional.of("EXAMPLE.com."), List.of()))
                .isEqualTo(Verdict.PASS);
        }

        @Test
        void verdictShouldPassWhenRelaxedSpfPassesForASubdomain() {
            assertThat(ALIGNMENT.verdict("example.com", RELAXED, Optional.of("bounces.example.com"), List.of()))
                .isEqualTo(Verdict.PASS);
        }

        @Test
        void verdictShouldFailWhenStrictSpfPassesOnlyForASubdomain() {
            assertThat(ALIGNMENT.verdict("example.com", STRICT, Optional.of("bounces.example.com"), List.of()))
                .isEqualTo(Verdict.FAIL);
        }

        @Test
        void verdictShouldFailWhenSpfPassesForAnotherDomain() {
            assertThat(ALIGNMENT.verdict("example.com", RELAXED, Optional.of("mailer.test"), List.of()))
                .isEqualTo(Verdict.FAIL);
        }

        @Test
        void verdictShouldFailWhenNothingPasses() {
            assertThat(ALIGNMENT.verdict("example.com", RELAXED, Optional.empty(), List.of()))
                .isEqualTo(Verdict.FAIL);
        }

        @Test
        void verdictShouldPassWhenAnAlignedDkimSignaturePasses() {
            assertThat(ALIGNMENT.verdict("news.example.com", RELAXED, Optional.of("mailer.test"),
                List.of("other.test", "example.com"))).isEqualTo(Verdict.PASS);
        }

        @Test
        void verdictShouldFailWhenStrictDkimIsOnlyRelaxedAligned() {
            assertThat(ALIGNMENT.verdict("news.example.com", STRICT, Optional.empty(), List.of("example.com")))
                .isEqualTo(Verdict.FAIL);
        }

        @Test
        void relaxedAlignmentShouldNotCrossAPublicSuffix() {
            assertThat(ALIGNMENT.aligned("a.co.uk", "b.co.uk", false)).isFalse();
            assertThat(ALIGNMENT.aligned("www.a.co.uk", "mail.a.co.uk", false)).isTrue();
        }
    }

    @Test
    void recordNamesShouldFallBackToTheOrganizationalDomain() {
        assertThat(ALIGNMENT.recordNames("News.Example.com")).containsExactly("_dmarc.news.example.com",
            "_dmarc.example.com");
        assertThat(ALIGNMENT.recordNames("example.com")).containsExactly("_dmarc.example.com");
    }

    @Nested
    class Records {
        @Test
        void parseShouldReadTheAlignmentModes() {
            assertThat(DmarcRecord.parse("v=DMARC1; p=reject; adkim=s; aspf=r"))
                .contains(DmarcRecord.of(true, false));
            assertThat(DmarcRecord.parse("v=DMARC1;p=none;aspf=S")).contains(DmarcRecord.of(false, true));
            assertThat(DmarcRecord.parse("\"v=DMARC1; p=none\"")).contains(DmarcRecord.of(false, false));
        }

        @Test
        void parseShouldRefuseWhatIsNotADmarcRecord() {
            assertThat(DmarcRecord.parse("v=spf1 -all")).isEmpty();
            assertThat(DmarcRecord.parse("p=reject; v=DMARC1")).isEmpty();
            assertThat(DmarcRecord.parse("")).isEmpty();
        }

        @Test
        void fromTxtRecordsShouldIgnoreOtherRecordsAndRefuseTwoDmarcRecords() {
            assertThat(DmarcRecord.fromTxtRecords(List.of("hello", "v=DMARC1; p=none"))).isPresent();
            assertThat(DmarcRecord.fromTxtRecords(List.of("v=DMARC1; p=none", "v=DMARC1; p=reject"))).isEmpty();
            assertThat(DmarcRecord.fromTxtRecords(List.of())).isEmpty();
        }
    }
}
