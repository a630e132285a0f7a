package org.bordertransport.cli.ndr;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bordertransport.cli.common.CommandException;
import org.bordertransport.cli.common.ConfOption;
import org.bordertransport.cli.common.Context;
import org.bordertransport.cli.common.Exit;
import org.bordertransport.cli.common.InputFiles;
import org.bordertransport.cli.common.Json;
import org.bordertransport.cli.common.LeafCommand;
import org.bordertransport.cli.common.SecretsFiles;
import org.bordertransport.cli.common.UsageException;
import org.bordertransport.cli.mail.RawHeader;
import org.bordertransport.core.ndr.NdrDetector;
import org.bordertransport.core.ndr.NdrLoop;
import org.bordertransport.core.ndr.NdrVerdict;
import org.bordertransport.core.srs.Microsoft365Srs;
import org.bordertransport.core.srs.SrsException;
import org.bordertransport.core.srs.SrsReverse;
import org.bordertransport.core.srs.SrsSecrets;
import org.bordertransport.core.srs.StandardSrs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code border ndr classify}: whether a message is a non-delivery report, and where a bounce to each SRS
 * recipient goes. {@code --recipient} may be repeated.
 */
@Command(name = "classify")
final class ClassifyCommand extends LeafCommand {
    static final String RECIPIENT = "--recipient";
    static final String SENDER = "--sender";
    static final String SECRET_FILE = "--srs-secret-file";
    static final String FORMAT = "--format";
    static final String JSON = "--json";
    static final String DEFAULT_SECRET_FILE = "srs-secrets";
    /** The engines reverse with the domain of the address; this one (RFC 2606) is never used. */
    static final String UNUSED_DOMAIN = "srs.invalid";
    static final String NOT_NDR = "NOT_NDR";
    static final String LOOP = "LOOP";

    private static final String SUMMARY = "tell whether a message is a non-delivery report and where SRS bounces go";
    private static final String SYNOPSIS = "[--sender ADDRESS] [--recipient ADDRESS]... [--srs-secret-file FILE]"
        + " [--format m365|srs0] [--json] [FILE|-]";
    private static final String DESCRIPTION = "Reads a whole message (FILE, or standard input for - or nothing) and"
        + " prints on standard output:\n"
        + "  ndr | not-ndr\n"
        + "  signals: SIGNAL, ...              the evidence seen (null-sender, multipart/report;report-type=...,\n"
        + "                                    message/delivery-status-part, action:failed, status:5.x.x,\n"
        + "                                    x-failed-recipients, x-ms-exchange-message-is-ndr,\n"
        + "                                    auto-submitted:auto-generated, daemon-sender, subject,\n"
        + "                                    bounce-text, failure-text, delay-notice, unreadable, ...)\n"
        + "  negative-signals: SIGNAL, ...     why it is not an NDR (arf-feedback-report, auto-replied,\n"
        + "                                    delay-only, delivery-report, disposition-notification,\n"
        + "                                    sender-not-null, ...)\n"
        + "  failed-recipients: ADDRESS, ...   the recipients the report says failed\n"
        + "  problem: TEXT                     only when the message could not be read to the end needed\n"
        + "  reroute: SRS-ADDRESS -> ADDRESS   one line per recipient that is an SRS address: the original\n"
        + "           -> bounces mailbox ADDRESS   sender (or the SRS0 address of the first forwarder), a\n"
        + "           -> refused (REASON: ...)     bounces+SRS= mailbox of ours, or why the bounce is not sent:\n"
        + "                                    NOT_SRS, BAD_HASH, EXPIRED, MALFORMED, NOT_NDR (only bounces go\n"
        + "                                    back: anything else would make the address an open relay), LOOP\n"
        + "                                    (more than " + NdrLoop.DEFAULT_MAX_RECEIVED + " Received fields, or"
        + " still ours after " + NdrLoop.DEFAULT_MAX_SRS_DEPTH + " reversals)\n\n"
        + "Options:\n"
        + "  --sender ADDRESS        the envelope sender (MAIL FROM); '' or '<>' is the null sender. Default:\n"
        + "                          unknown: a Return-Path of <> counts as the null sender, otherwise the\n"
        + "                          content alone decides (signal sender-unknown)\n"
        + "  --recipient ADDRESS     an envelope recipient; repeat for several. Default: the To addresses\n"
        + "  --srs-secret-file FILE  SRS secrets, one per line (default CONF/" + DEFAULT_SECRET_FILE + "); read only"
        + " when a\n"
        + "                          recipient is an SRS address\n"
        + "  --format m365|srs0      the SRS format (default: srs0 for SRS0=/SRS1= addresses, m365 otherwise)\n"
        + "  --json                  print one JSON object instead:\n"
        + "                          {\"ndr\":true|false,\"signals\":[...],\"negativeSignals\":[...],\n"
        + "                           \"failedRecipients\":[...],\"problem\":TEXT|null,\"received\":N,\n"
        + "                           \"reroutes\":[{\"address\":...,\"outcome\":\"" + outcomes() + "\",\n"
        + "                                        \"destination\":ADDRESS|null,\"reason\":REASON|null,"
        + "\"message\":TEXT|null}]}\n\n"
        + "Exit status: 0 classified (ndr or not-ndr), 2 usage, configuration or I/O error.\n";

    /** What happens to a bounce sent to one SRS recipient. */
    enum Outcome {
        /** SRS0 and the m365 forward form: back to the sender of the original mail. */
        ORIGINAL_SENDER,
        /** SRS1: to the SRS0 address at the first forwarder, which reverses it in turn. */
        FIRST_FORWARDER,
        /** {@code bounces+SRS=}: ours and valid, but it does not record the sender: to that mailbox. */
        BOUNCES_MAILBOX,
        /** Not sent on. */
        REFUSED
    }

    private static String outcomes() {
        StringBuilder out = new StringBuilder();
        for (Outcome outcome : Outcome.values()) {
            out.append(out.length() == 0 ? "" : "|").append(outcome.name());
        }
        return out.toString();
    }

    @Mixin
    private ConfOption conf;

    @Option(names = RECIPIENT)
    private List<String> recipients;

    @Option(names = SENDER)
    private String sender;

    @Option(names = SECRET_FILE)
    private String secretFile;

    @Option(names = FORMAT)
    private String format;

    @Option(names = JSON, arity = "0")
    private boolean json;

    ClassifyCommand() {
        super(SUMMARY, SYNOPSIS, DESCRIPTION);
    }

    @Override
    protected int execute(Context context) throws UsageException, CommandException {
        List<String> given = recipients();
        if (positionals().size() > 1) {
            throw new UsageException("unexpected argument '" + positionals().get(1) + "'");
        }
        Optional<String> srsFormat = format();
        String file = positionals().isEmpty() ? "-" : positionals().get(0);
        NdrVerdict verdict;
        List<String> to;
        try (InputStream in = new BufferedInputStream(InputFiles.open(context, file))) {
            RawHeader header = RawHeader.read(in);
            verdict = NdrDetector.defaults().detect(header.fields(), in, sender);
            to = given.isEmpty() ? Recipients.of(header.fields()) : given;
        } catch (IOException e) {
            throw new CommandException("cannot read " + (file.equals("-") ? "standard input" : file) + ": "
                + InputFiles.reason(e), e);
        }
        Rerouter rerouter = new Rerouter(context, secretFile, srsFormat);
        List<Reroute> reroutes = new ArrayList<>();
        for (String recipient : to) {
            Optional<String> engine = engineFor(recipient, srsFormat);
            if (engine.isPresent()) {
                reroutes.add(rerouter.reroute(recipient, engine.get(), verdict));
            }
        }
        if (json) {
            context.out().println(json(verdict, reroutes));
        } else {
            print(context, verdict, reroutes);
        }
        return Exit.OK;
    }

    /** {@code --recipient}, trimmed; each must be an address. */
    private List<String> recipients() throws UsageException {
        List<String> trimmed = new ArrayList<>();
        for (String value : recipients == null ? List.<String>of() : recipients) {
            if (value.trim().isEmpty()) {
                throw new UsageException("invalid parameter '" + RECIPIENT + "': an empty address");
            }
            trimmed.add(value.trim());
        }
        return trimmed;
    }

    private Optional<String> format() throws UsageException {
        if (format != null && !format.equals("m365") && !format.equals("srs0")) {
            throw new UsageException("invalid parameter '" + FORMAT + "': '" + format
                + "' is not a format: allowed are m365, srs0");
        }
        return Optional.ofNullable(format);
    }

    /** The format an SRS recipient is reversed with, or empty when the recipient is no SRS address. */
    static Optional<String> engineFor(String address, Optional<String> format) {
        if (format.isPresent()) {
            boolean srs = format.get().equals("srs0") ? StandardSrs.isSrsAddress(address)
                : Microsoft365Srs.isSrsAddress(address);
            return srs ? format : Optional.empty();
        }
        if (StandardSrs.isSrsAddress(address)) {
            return Optional.of("srs0");
        }
        return Microsoft365Srs.isSrsAddress(address) ? Optional.of("m365") : Optional.empty();
    }

    private static void print(Context context, NdrVerdict verdict, List<Reroute> reroutes) {
        context.out().println(verdict.isNdr() ? "ndr" : "not-ndr");
        context.out().println(line("signals", verdict.signals()));
        context.out().println(line("negative-signals", verdict.negativeSignals()));
        context.out().println(line("failed-recipients", verdict.failedRecipients()));
        verdict.problem().ifPresent(problem -> context.out().println("problem: " + problem));
        for (Reroute reroute : reroutes) {
            context.out().println("reroute: " + reroute.text());
        }
    }

    private static String line(String name, List<String> values) {
        return name + ":" + (values.isEmpty() ? "" : " " + String.join(", ", values));
    }

    private static Json json(NdrVerdict verdict, List<Reroute> reroutes) {
        List<Json> rerouted = new ArrayList<>();
        for (Reroute reroute : reroutes) {
            rerouted.add(Json.object().put("address", reroute.address)
                .put("outcome", reroute.outcome.name())
                .put("destination", reroute.destination)
                .put("reason", reroute.reason)
                .put("message", reroute.message));
        }
        return Json.object().put("ndr", verdict.isNdr())
            .put("signals", verdict.signals())
            .put("negativeSignals", verdict.negativeSignals())
            .put("failedRecipients", verdict.failedRecipients())
            .put("problem", verdict.problem().orElse(null))
            .put("received", verdict.receivedCount())
            .put("reroutes", rerouted);
    }

    /** Where a bounce to one SRS recipient goes. */
    static final class Reroute {
        final String address;
        final Outcome outcome;
        final String destination;
        final String reason;
        final String message;

        Reroute(String address, Outcome outcome, String destination, String reason, String message) {
            this.address = address;
            this.outcome = outcome;
            this.destination = destination;
            this.reason = reason;
            this.message = message;
        }

        static Reroute refused(String address, String reason, String message) {
            return new Reroute(address, Outcome.REFUSED, null, reason, message);
        }

        String text() {
            switch (outcome) {
                case REFUSED:
                    return address + " -> refused (" + reason + ": " + message + ")";
                case BOUNCES_MAILBOX:
                    return address + " -> bounces mailbox " + destination;
                default:
                    return address + " -> " + destination;
            }
        }
    }

    /** Reverses SRS recipients with our secrets, read when first needed. */
    private static final class Rerouter {
        private final Context context;
        private final String secretFile;
        private final Optional<String> format;
        private StandardSrs standard;
        private Microsoft365Srs m365;

        Rerouter(Context context, String secretFile, Optional<String> format) {
            this.context = context;
            this.secretFile = secretFile;
            this.format = format;
        }

        Reroute reroute(String address, String engine, NdrVerdict verdict) throws CommandException {
            if (!verdict.isNdr()) {
                return Reroute.refused(address, NOT_NDR, "only non-delivery reports go back to the original sender");
            }
            if (NdrLoop.tooManyHops(verdict.receivedCount(), NdrLoop.DEFAULT_MAX_RECEIVED)) {
                return Reroute.refused(address, LOOP, verdict.receivedCount() + " Received fields, more than "
                    + NdrLoop.DEFAULT_MAX_RECEIVED);
            }
            SrsReverse first;
            try {
                first = reverse(address, engine);
            } catch (SrsException e) {
                String message = e.getMessage();
                String prefix = e.reason().name() + ": ";
                return Reroute.refused(address, e.reason().name(),
                    message.startsWith(prefix) ? message.substring(prefix.length()) : message);
            }
            if (first.kind() == SrsReverse.Kind.BOUNCES) {
                return new Reroute(address, Outcome.BOUNCES_MAILBOX, address, null, null);
            }
            String next = first.bounceRecipient().orElseThrow();
            NdrLoop.SrsChain chain = NdrLoop.reverseChain(next, this::ours, NdrLoop.DEFAULT_MAX_SRS_DEPTH - 1);
            if (chain.isLoop()) {
                return Reroute.refused(address, LOOP, chain.loop().get());
            }
            Outcome outcome = first.kind() == SrsReverse.Kind.SRS1 && chain.reversals() == 0
                ? Outcome.FIRST_FORWARDER : Outcome.ORIGINAL_SENDER;
            return new Reroute(address, outcome, chain.destination(), null, null);
        }

        /** A later hop: where a bounce to {@code address} goes when it is one of ours, else empty. */
        private Optional<String> ours(String address) throws CommandException {
            Optional<String> engine = engineFor(address, format);
            if (engine.isEmpty()) {
                return Optional.empty();
            }
            try {
                return reverse(address, engine.get()).bounceRecipient();
            } catch (SrsException e) {
                return Optional.empty();
            }
        }

        private SrsReverse reverse(String address, String engine) throws SrsException, CommandException {
            Clock clock = context.clock();
            if (engine.equals("srs0")) {
                if (standard == null) {
                    standard = StandardSrs.builder(secrets(), UNUSED_DOMAIN).clock(clock).build();
                }
                return standard.reverse(address);
            }
            if (m365 == null) {
                m365 = Microsoft365Srs.builder(secrets(), UNUSED_DOMAIN).clock(clock).build();
            }
            return m365.reverse(address);
        }

        private SrsSecrets secrets() throws CommandException {
            Path file = secretFile != null ? Paths.get(secretFile) : context.confDir().resolve(DEFAULT_SECRET_FILE);
            return SecretsFiles.load(context, file, SECRET_FILE);
        }
    }
}
