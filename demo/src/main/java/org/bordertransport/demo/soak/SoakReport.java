package org.bordertransport.demo.soak;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;

/** The soak's figures in Markdown: run, rate, accounting per outcome and per kind, repository reasons, samples. */
final class SoakReport {
    private SoakReport() {
    }

    static String markdown(Soak.Config config, Soak.Report report) {
        StringBuilder md = new StringBuilder();
        SoakLedger.Result r = report.accounting;
        md.append(String.format(Locale.ROOT, "Soak %s: %,d messages over %d connections, %s, James JVM %s; %d CPUs%n%n",
            Instant.now(), config.messages, config.clients, config.corpus == null ? "built-in hostile inputs"
                : "MIME corpus " + config.corpus, config.jvm, Runtime.getRuntime().availableProcessors()));
        if (r == null) {
            return md.append("(no accounting: the run failed before it)\n").toString();
        }
        md.append(String.format(Locale.ROOT, "Sent in %.0f s (%.1f messages/s offered), %.0f s in all with draining and"
                + " accounting.%n%n", report.sendSeconds, r.messages / Math.max(report.sendSeconds, 1e-9),
            report.totalSeconds));
        md.append("| SMTP | messages |\n|---|---|\n");
        md.append(row("sent", r.messages)).append(row("accepted with 250 after DATA", r.accepted))
            .append(row("refused at RCPT (no recipient accepted)", r.refusedAtRcpt))
            .append(row("refused after DATA", r.refusedAtData))
            .append(row("connection broken (over-limit messages)", r.brokenConnections))
            .append(row("accepted although James first answered 500 Line length exceeded", r.acceptedAfterLineTooLong))
            .append(row("recipients accepted", r.recipientsAccepted))
            .append(row("recipients refused at RCPT (also in accepted messages)", r.recipientsRefused)).append('\n');
        md.append("| outcome per accepted recipient | recipients |\n|---|---|\n");
        for (Map.Entry<String, Long> outcome : r.outcomes.entrySet()) {
            md.append(row(outcome.getKey(), outcome.getValue()));
        }
        md.append(row("**lost**", r.lost)).append(row("**duplicated**", r.duplicated))
            .append(row("**found where not expected**", r.unexpected))
            .append(row("**in the error repository because Border threw**", r.borderErrors))
            .append(row("notifications James sent (DSNs, bounces; not counted above)", report.notifications))
            .append(row("messages without any soak token", report.unattributed)).append('\n');
        if (!r.reasons.isEmpty()) {
            md.append("| repository: reason | recipients |\n|---|---|\n");
            for (Map.Entry<String, Long> reason : r.reasons.entrySet()) {
                md.append(row(reason.getKey().replace("|", "\\|"), reason.getValue()));
            }
            md.append('\n');
        }
        md.append(SoakLedger.kindTable(r, new HashSet<>(SoakKinds.HOSTILE))).append('\n');
        md.append(ProcessSample.header()).append('\n');
        for (ProcessSample sample : report.samples) {
            md.append(sample.row()).append('\n');
        }
        md.append('\n');
        if (!report.mailetExceptions.isEmpty()) {
            md.append("James logged \"Exception calling\": ").append(report.mailetExceptions).append("\n\n");
        }
        for (String problem : r.problems) {
            md.append("- ").append(problem).append('\n');
        }
        return md.toString();
    }

    private static String row(String what, long count) {
        return String.format(Locale.ROOT, "| %s | %,d |%n", what, count);
    }
}
