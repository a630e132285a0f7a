package org.bordertransport.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.bordertransport.core.auth.DkimSignatures;
import org.bordertransport.core.io.Spool;
import org.bordertransport.james.InitParameters;
import org.bordertransport.james.MessageStreams;
import org.bordertransport.james.MimeHeaders;

/**
 * What the mailets that change messages share about DKIM signatures they did not make: the {@code thirdPartyDkim}
 * parameter ({@code preserve}, the default, or {@code ignore}: the behaviour of earlier versions), the signatures of
 * a message, whether they verify now (with James's jDKIM and its key retriever: the same check as {@code DKIMVerify}),
 * and the two metrics: {@code border.dkim.kept} (a change left out to keep a signature verifying) and
 * {@code border.dkim.broken} (a change made that breaks one).
 *
 * <p>Every signature a message carries when these mailets see it is a third party's: the shipped configuration signs
 * our own mail ({@code SignDkim}) after all of them.</p>
 */
final class ThirdPartyDkim {
    static final String PARAMETER = "thirdPartyDkim";
    static final String PRESERVE = "preserve";
    static final String IGNORE = "ignore";
    /** Algorithms jDKIM 0.3 verifies; a signature with another one ({@code ed25519-sha256}) cannot be checked here. */
    private static final Set<String> VERIFIABLE = Set.of("rsa-sha256", "rsa-sha1");

    /** Whether a message's signatures verify now. */
    enum Status {
        /** No {@code DKIM-Signature} field. */
        UNSIGNED,
        /** At least one signature verifies. */
        VERIFIES,
        /** None verifies, but one could not be checked (DNS unavailable, an algorithm jDKIM lacks): treated as signed. */
        UNCHECKED,
        /** Every signature fails for good: nothing left to keep. */
        FAILS
    }

    /** The signatures of one message and their status. */
    static final class Check {
        private final DkimSignatures signatures;
        private final Status status;
        private final String detail;

        Check(DkimSignatures signatures, Status status, String detail) {
            this.signatures = signatures;
            this.status = status;
            this.detail = detail;
        }

        DkimSignatures signatures() {
            return signatures;
        }

        Status status() {
            return status;
        }

        /** Whether a change to a signed part of the message breaks a signature that verifies or may verify. */
        boolean protects() {
            return status == Status.VERIFIES || status == Status.UNCHECKED;
        }

        /** For logs: {@code DKIM signature of example.com (verifies)}, {@code ... (cannot be checked now: ...)}. */
        @Override
        public String toString() {
            List<String> domains = signatures.domains();
            String verdict = status == Status.VERIFIES ? "verifies"
                : status == Status.UNCHECKED ? "cannot be checked now: " + detail
                : status == Status.FAILS ? "fails: " + detail : "unsigned";
            return "DKIM signature" + (domains.size() > 1 ? "s" : "") + " of " + String.join(", ", domains) + " ("
                + verdict + ")";
        }
    }

    private final PublicKeyRecordRetriever retriever;
    private final Metric kept;
    private final Metric broken;
    private boolean preserve = true;

    /**
     * @param retriever James's DKIM key retriever; null for a mailet that only edits header fields: it reads which
     *     fields the signatures cover and never verifies ({@link #check} then says {@link Status#UNCHECKED})
     */
    ThirdPartyDkim(PublicKeyRecordRetriever retriever, MetricFactory metricFactory) {
        this.retriever = retriever;
        this.kept = metricFactory.generate("border.dkim.kept");
        this.broken = metricFactory.generate("border.dkim.broken");
    }

    /** Reads {@code thirdPartyDkim} (call from {@code init()}). */
    void configure(InitParameters parameters) throws MessagingException {
        preserve = parameters.oneOf(PARAMETER, PRESERVE, PRESERVE, IGNORE).equals(PRESERVE);
    }

    /** Whether third-party signatures are preserved ({@code thirdPartyDkim=preserve}). */
    boolean preserve() {
        return preserve;
    }

    /** The {@code DKIM-Signature} fields of {@code message}, read but not verified. */
    static DkimSignatures signaturesOf(MimeMessage message) throws MessagingException {
        String[] values = message.getHeader(DkimSignatures.FIELD);
        if (values == null || values.length == 0) {
            return DkimSignatures.none();
        }
        return DkimSignatures.of(MimeHeaders.read(message));
    }

    /**
     * As {@link #check(MimeMessage, Spool)}, spooling the message here (in memory up to 4 MiB, then a temporary file);
     * a message over 512 MiB is not verified ({@link Status#UNCHECKED}).
     */
    Check check(MimeMessage message) throws MessagingException, IOException {
        if (signaturesOf(message).isEmpty()) {
            return new Check(DkimSignatures.none(), Status.UNSIGNED, "");
        }
        try (Spool raw = new Spool(4 * 1024 * 1024, 512L * 1024 * 1024, "message")) {
            try {
                MessageStreams.writeTo(message, raw);
            } catch (Spool.LimitException e) {
                return new Check(signaturesOf(message), Status.UNCHECKED, "too large to verify here");
            }
            raw.finish();
            return check(message, raw);
        }
    }

    /**
     * Whether the signatures of {@code message} verify now, read from {@code raw}: the message as it leaves (its
     * octets, so that 8-bit header values are hashed as sent). Only signed messages cost a verification (hashing the
     * body, one DNS query per signing domain and selector, which James's resolver caches).
     */
    Check check(MimeMessage message, Spool raw) throws MessagingException, IOException {
        DkimSignatures signatures = signaturesOf(message);
        if (signatures.isEmpty()) {
            return new Check(signatures, Status.UNSIGNED, "");
        }
        if (retriever == null) {
            return new Check(signatures, Status.UNCHECKED, "not verified here");
        }
        List<SignatureRecord> passing;
        try (InputStream in = raw.open()) {
            passing = new DKIMVerifier(retriever).verify(in);
        } catch (TempFailException e) {
            return new Check(signatures, Status.UNCHECKED, "temporary failure: " + reason(e));
        } catch (FailException e) {
            if (signatures.signatures().stream().anyMatch(s -> s.readable() && s.algorithm().isPresent()
                && !VERIFIABLE.contains(s.algorithm().get()))) {
                return new Check(signatures, Status.UNCHECKED, "an algorithm jDKIM cannot verify: " + reason(e));
            }
            return new Check(signatures, Status.FAILS, reason(e));
        }
        if (passing == null || passing.isEmpty()) {
            return new Check(signatures, Status.UNCHECKED, "no result");
        }
        List<String> domains = new ArrayList<>();
        for (SignatureRecord record : passing) {
            domains.add(String.valueOf(record.getDToken()).toLowerCase(Locale.ROOT));
        }
        return new Check(signatures, Status.VERIFIES, String.join(", ", domains));
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Counts a change left out to keep a signature. */
    void kept() {
        kept.increment();
    }

    /** Counts a change that breaks a signature. */
    void broken() {
        broken.increment();
    }
}
