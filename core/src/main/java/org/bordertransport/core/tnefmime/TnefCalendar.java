package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.bordertransport.core.tnef.MapiName;
import org.bordertransport.core.tnef.MapiProperties;
import org.bordertransport.core.tnef.MapiProperty;
import org.bordertransport.core.tnef.TnefAttribute;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnef.TnefMessage;
import org.bordertransport.core.tnefmime.RecurrenceRules.Instance;
import org.bordertransport.core.tnefmime.RecurrenceRules.Series;
import org.bordertransport.core.tnefmime.TnefCalendarRecipients.Recipient;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Date;
import net.fortuna.ical4j.model.DateTime;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * The iCalendar object (RFC 5545, iTIP RFC 5546) of a TNEF meeting message or appointment, as Exchange writes one
 * when it turns TNEF into MIME: one VEVENT with the iTIP method of the message class.
 *
 * <table>
 *   <caption>Message classes (case-insensitive, subclasses included)</caption>
 *   <tr><th>Class</th><th>METHOD</th></tr>
 *   <tr><td>IPM.Schedule.Meeting.Request</td><td>REQUEST</td></tr>
 *   <tr><td>IPM.Schedule.Meeting.Canceled</td><td>CANCEL (STATUS:CANCELLED)</td></tr>
 *   <tr><td>IPM.Schedule.Meeting.Resp.Pos / .Neg / .Tent</td><td>REPLY, the sender as ATTENDEE with PARTSTAT
 *       ACCEPTED / DECLINED / TENTATIVE</td></tr>
 *   <tr><td>IPM.Appointment</td><td>PUBLISH (no ATTENDEE, as RFC 5546 requires)</td></tr>
 * </table>
 *
 * <p>The VEVENT: UID from PidLidCleanGlobalObjectId, else PidLidGlobalObjectId with its instance date cleared (the
 * text after a {@code vCal-Uid} marker, else the upper-case hex of the id; made up from the message when neither is
 * there, with a note); DTSTART/DTEND from PidLidAppointmentStartWhole/EndWhole, else attDateStart/attDateEnd, else
 * PidLidCommonStart/End, in UTC (all-day appointments, PidLidAppointmentSubType, as dates: the midnight nearest to
 * the start, exact for zones within 12 hours of UTC); SUMMARY the subject; LOCATION PidLidLocation; DESCRIPTION
 * the text body; SEQUENCE PidLidAppointmentSequence; TRANSP from PidLidBusyStatus (free: TRANSPARENT); DTSTAMP
 * PR_CLIENT_SUBMIT_TIME, else the clock; ORGANIZER the represented sender (else the sender), SMTP addresses only,
 * with its name. ATTENDEEs come from the attRecipTable attribute ({@link TnefCalendarRecipients}, with its limits):
 * role by recipient type (To REQ-PARTICIPANT, Cc OPT-PARTICIPANT, Bcc NON-PARTICIPANT), the organizer row left out;
 * for a REPLY the first To recipient is the ORGANIZER. A table that cannot be read leaves the attendees out, with a
 * note.</p>
 *
 * <p>A recurring series ({@link TnefCalendarRecurrence}) gets DTSTART/DTEND in its time zone with a VTIMEZONE,
 * RRULE and EXDATE, and one more VEVENT with RECURRENCE-ID per modified occurrence; a recurrence that cannot be
 * read leaves the first occurrence in UTC, with a note. Not converted: alarms; the bodies and attachments of
 * modified occurrences. Single occurrences stay in UTC; one occurrence of a series gets RECURRENCE-ID from
 * PidLidExceptionReplaceTime. No calendar comes out of a calendar message without a
 * start time (a note says so).</p>
 *
 * <p>The text has CRLF line ends and lines folded at 75 octets. Instances are immutable.</p>
 */
public final class TnefCalendar {
    /** The iTIP method of the calendar. */
    public enum Method {
        REQUEST, CANCEL, REPLY, PUBLISH
    }

    static final String PRODID = "-//Border Transport//TNEF to iCalendar//EN";
    static final int MAX_TEXT_CHARS = 1000;
    static final int MAX_DESCRIPTION_CHARS = 64 * 1024;
    static final int MAX_GLOBAL_OBJECT_ID_OCTETS = 4096;

    static final MapiName GLOBAL_OBJECT_ID = MapiName.ofId(MapiName.PSETID_MEETING, 0x0003);
    static final MapiName CLEAN_GLOBAL_OBJECT_ID = MapiName.ofId(MapiName.PSETID_MEETING, 0x0023);
    static final MapiName APPOINTMENT_SEQUENCE = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8201);
    static final MapiName BUSY_STATUS = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8205);
    static final MapiName LOCATION = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8208);
    static final MapiName START_WHOLE = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x820D);
    static final MapiName END_WHOLE = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x820E);
    static final MapiName SUB_TYPE = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8215);
    static final MapiName COMMON_START = MapiName.ofId(MapiName.PSETID_COMMON, 0x8516);
    static final MapiName COMMON_END = MapiName.ofId(MapiName.PSETID_COMMON, 0x8517);
    static final int ATT_DATE_START = 0x00030006;
    static final int ATT_DATE_END = 0x00030007;
    static final int PR_CLIENT_SUBMIT_TIME = 0x0039;
    static final int PR_SENT_REPRESENTING_NAME = 0x0042;
    static final int PR_SENT_REPRESENTING_EMAIL_ADDRESS = 0x0065;
    static final int PR_SENDER_NAME = 0x0C1A;
    static final int PR_SENDER_EMAIL_ADDRESS = 0x0C1F;
    static final int PR_SENDER_SMTP_ADDRESS = 0x5D01;
    static final int PR_SENT_REPRESENTING_SMTP_ADDRESS = 0x5D02;

    private static final Pattern ADDRESS = Pattern.compile(
        "[\\x21-\\x7E&&[^<>()\\[\\],;:\"\\\\]]{1,64}@[A-Za-z0-9.-]{1,255}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Method method;
    private final String text;
    private final List<String> notes;

    private TnefCalendar(Method method, String text, List<String> notes) {
        this.method = method;
        this.text = text;
        this.notes = List.copyOf(notes);
    }

    /** What {@link #convert} found: the calendar, if any, and what it left out or simplified. */
    public static final class Conversion {
        private final Optional<TnefCalendar> calendar;
        private final List<String> notes;

        private Conversion(Optional<TnefCalendar> calendar, List<String> notes) {
            this.calendar = calendar;
            this.notes = List.copyOf(notes);
        }

        public Optional<TnefCalendar> calendar() {
            return calendar;
        }

        /** Notes for logs, such as {@code "calendar left out: no start time"}; empty for other message classes. */
        public List<String> notes() {
            return notes;
        }
    }

    /**
     * The calendar of {@code message}; empty when its class is no calendar class, or it has no start time.
     *
     * @param clock gives DTSTAMP when the message has no PR_CLIENT_SUBMIT_TIME
     * @throws IOException the message's temporary file is gone (closed)
     */
    public static Optional<TnefCalendar> of(TnefMessage message, Clock clock) throws IOException {
        return convert(message, clock).calendar();
    }

    /** Like {@link #of}, with the notes of what was left out even when no calendar comes out. */
    public static Conversion convert(TnefMessage message, Clock clock) throws IOException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(clock, "clock");
        String messageClass = message.messageClass().orElse("");
        Optional<Method> method = method(messageClass);
        if (method.isEmpty()) {
            return new Conversion(Optional.empty(), List.of());
        }
        return new Builder(message, method.get(), partStat(messageClass), clock).build();
    }

    /** The method of a message class, when it is a calendar class. */
    static Optional<Method> method(String messageClass) {
        if (is(messageClass, "IPM.Schedule.Meeting.Request")) {
            return Optional.of(Method.REQUEST);
        }
        if (is(messageClass, "IPM.Schedule.Meeting.Canceled")) {
            return Optional.of(Method.CANCEL);
        }
        if (partStat(messageClass).isPresent()) {
            return Optional.of(Method.REPLY);
        }
        if (is(messageClass, "IPM.Appointment")) {
            return Optional.of(Method.PUBLISH);
        }
        return Optional.empty();
    }

    private static Optional<PartStat> partStat(String messageClass) {
        if (is(messageClass, "IPM.Schedule.Meeting.Resp.Pos")) {
            return Optional.of(PartStat.ACCEPTED);
        }
        if (is(messageClass, "IPM.Schedule.Meeting.Resp.Neg")) {
            return Optional.of(PartStat.DECLINED);
        }
        if (is(messageClass, "IPM.Schedule.Meeting.Resp.Tent")) {
            return Optional.of(PartStat.TENTATIVE);
        }
        return Optional.empty();
    }

    private static boolean is(String messageClass, String base) {
        return messageClass.equalsIgnoreCase(base) || messageClass.length() > base.length()
            && messageClass.regionMatches(true, 0, base + ".", 0, base.length() + 1);
    }

    public Method method() {
        return method;
    }

    /** The iCalendar object: CRLF line ends, lines of at most 75 octets in UTF-8. */
    public String text() {
        return text;
    }

    /** {@link #text()} in UTF-8. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What was left out or simplified (recurrence, attendees, a made-up UID, ...). */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        return "TnefCalendar{" + method + ", " + text.length() + " chars, notes " + notes + "}";
    }

    /** Builds the calendar of one message. */
    private static final class Builder {
        private final TnefMessage message;
        private final MapiProperties p;
        private final Method method;
        private final Optional<PartStat> partStat;
        private final Clock clock;
        private final List<String> notes = new ArrayList<>();

        Builder(TnefMessage message, Method method, Optional<PartStat> partStat, Clock clock) {
            this.message = message;
            this.p = message.properties();
            this.method = method;
            this.partStat = partStat;
            this.clock = clock;
        }

        Conversion build() throws IOException {
            Optional<Instant> start = time(START_WHOLE, ATT_DATE_START, COMMON_START);
            if (start.isEmpty()) {
                notes.add("calendar left out: no start time");
                return new Conversion(Optional.empty(), notes);
            }
            Optional<Instant> end = time(END_WHOLE, ATT_DATE_END, COMMON_END);
            if (end.isPresent() && end.get().isBefore(start.get())) {
                notes.add("calendar end before its start left out");
                end = Optional.empty();
            }
            VEvent event = new VEvent(false);
            PropertyList<net.fortuna.ical4j.model.Property> props = event.getProperties();
            Optional<Address> sender = address(PR_SENT_REPRESENTING_SMTP_ADDRESS, PR_SENT_REPRESENTING_EMAIL_ADDRESS,
                PR_SENT_REPRESENTING_NAME);
            if (sender.isEmpty()) {
                sender = address(PR_SENDER_SMTP_ADDRESS, PR_SENDER_EMAIL_ADDRESS, PR_SENDER_NAME);
            }
            Instant stamp = p.get(PR_CLIENT_SUBMIT_TIME).flatMap(MapiProperty::timeValue).orElseGet(clock::instant);
            props.add(new DtStamp(utc(stamp)));
            props.add(new Uid(uid(start.get(), sender)));
            boolean allDay = p.get(SUB_TYPE).flatMap(v -> boxed(v.intValue())).orElse(0) != 0;
            Optional<Series> series = TnefCalendarRecurrence.read(p, message.charset(), start.get(), allDay, notes);
            if (series.isPresent()) {
                props.add(series.get().start);
                props.add(series.get().end);
                props.add(series.get().rule);
                series.get().exDates.ifPresent(props::add);
            } else {
                addTimes(props, start.get(), end, allDay);
                Optional<byte[]> id = blob(GLOBAL_OBJECT_ID);
                TnefCalendarRecurrence.instance(p, id.isPresent() && TnefCalendarText.hasInstanceDate(id.get()), notes)
                    .ifPresent(props::add);
            }
            message.subject().map(s -> TnefCalendarText.clean(s, MAX_TEXT_CHARS).trim()).filter(s -> !s.isEmpty())
                .ifPresent(s -> props.add(new Summary(s)));
            p.get(LOCATION).flatMap(MapiProperty::stringValue)
                .map(s -> TnefCalendarText.clean(s, MAX_TEXT_CHARS).trim())
                .filter(s -> !s.isEmpty()).ifPresent(s -> props.add(new Location(s)));
            message.textBody().map(s -> TnefCalendarText.clean(s, MAX_DESCRIPTION_CHARS)).filter(s -> !s.isBlank())
                .ifPresent(s -> props.add(new Description(s)));
            p.get(APPOINTMENT_SEQUENCE).flatMap(v -> boxed(v.intValue())).filter(s -> s >= 0)
                .ifPresent(s -> props.add(new Sequence(s)));
            p.get(BUSY_STATUS).flatMap(v -> boxed(v.intValue()))
                .ifPresent(b -> props.add(b == 0 ? Transp.TRANSPARENT : Transp.OPAQUE));
            if (method == Method.CANCEL) {
                props.add(Status.VEVENT_CANCELLED);
            }
            addPeople(props, sender);
            Calendar calendar = new Calendar();
            calendar.getProperties().add(new ProdId(PRODID));
            calendar.getProperties().add(Version.VERSION_2_0);
            calendar.getProperties().add(new net.fortuna.ical4j.model.property.Method(method.name()));
            series.flatMap(s -> s.zone).ifPresent(z -> calendar.getComponents().add(z.component()));
            calendar.getComponents().add(event);
            series.ifPresent(s -> s.instances.forEach(i -> calendar.getComponents().add(instance(props, i))));
            StringWriter out = new StringWriter();
            try {
                new CalendarOutputter(false).output(calendar, out);
            } catch (ValidationException e) {
                throw new IllegalStateException("ical4j validated although told not to", e);
            }
            String text = TnefCalendarText.fold(out.toString());
            return new Conversion(Optional.of(new TnefCalendar(method, text, notes)), notes);
        }

        private Optional<Instant> time(MapiName whole, int attribute, MapiName common) {
            Optional<Instant> t = p.get(whole).flatMap(MapiProperty::timeValue);
            if (t.isEmpty()) {
                t = message.attribute(attribute).flatMap(TnefAttribute::dateValue)
                    .map(d -> d.toInstant(ZoneOffset.UTC));
            }
            return t.isPresent() ? t : p.get(common).flatMap(MapiProperty::timeValue);
        }

        /**
         * A modified occurrence: RECURRENCE-ID, its times, its subject and location when changed, the rest as the
         * series has it.
         */
        private VEvent instance(PropertyList<net.fortuna.ical4j.model.Property> series, Instance instance) {
            VEvent event = new VEvent(false);
            PropertyList<net.fortuna.ical4j.model.Property> props = event.getProperties();
            for (net.fortuna.ical4j.model.Property property : series) {
                String name = property.getName();
                if (name.equals(Property.DTSTART)) {
                    props.add(instance.id);
                    props.add(instance.start);
                    props.add(instance.end);
                } else if (name.equals(Property.SUMMARY) && instance.subject.isPresent()
                    || name.equals(Property.LOCATION) && instance.location.isPresent()
                    || name.equals(Property.DTEND) || name.equals(Property.RRULE) || name.equals(Property.EXDATE)) {
                    continue;
                } else {
                    props.add(property);
                }
            }
            instance.subject.map(s -> TnefCalendarText.clean(s, MAX_TEXT_CHARS).trim()).filter(s -> !s.isEmpty())
                .ifPresent(s -> props.add(new Summary(s)));
            instance.location.map(s -> TnefCalendarText.clean(s, MAX_TEXT_CHARS).trim()).filter(s -> !s.isEmpty())
                .ifPresent(s -> props.add(new Location(s)));
            return event;
        }

        private void addTimes(PropertyList<net.fortuna.ical4j.model.Property> props, Instant start,
                              Optional<Instant> end, boolean allDay) {
            if (!allDay) {
                props.add(new DtStart(utc(start)));
                end.ifPresent(e -> props.add(new DtEnd(utc(e))));
                return;
            }
            LocalDate first = nearestDay(start);
            LocalDate last = end.map(TnefCalendar::nearestDay).filter(d -> d.isAfter(first)).orElse(first.plusDays(1));
            props.add(new DtStart(date(first)));
            props.add(new DtEnd(date(last)));
        }

        private void addPeople(PropertyList<net.fortuna.ical4j.model.Property> props, Optional<Address> sender)
            throws IOException {
            List<Recipient> recipients = recipients();
            if (method == Method.REPLY) {
                Optional<Address> organizer = Optional.empty();
                for (Recipient r : recipients) {
                    if (r.type == 1 && organizer.isEmpty()) {
                        organizer = Address.of(r.address, r.name);
                    }
                }
                Optional<URI> organizerUri = organizer.flatMap(a -> a.uri(notes));
                if (organizerUri.isPresent()) {
                    props.add(organizer(organizerUri.get(), organizer.get()));
                } else {
                    notes.add("no ORGANIZER: no To recipient with an SMTP address");
                }
                Optional<URI> attendee = sender.flatMap(a -> a.uri(notes));
                if (attendee.isPresent()) {
                    Attendee a = new Attendee(attendee.get());
                    a.getParameters().add(partStat.get());
                    sender.get().name.ifPresent(n -> a.getParameters().add(new Cn(n)));
                    props.add(a);
                } else {
                    notes.add("no ATTENDEE: no SMTP sender address");
                }
                return;
            }
            Optional<URI> organizer = sender.flatMap(a -> a.uri(notes));
            if (organizer.isPresent()) {
                props.add(organizer(organizer.get(), sender.get()));
            } else {
                notes.add("no ORGANIZER: no SMTP sender address");
            }
            if (method == Method.PUBLISH) {
                return;
            }
            for (Recipient r : recipients) {
                Optional<Address> address = Address.of(r.address, r.name);
                if ((r.flags & TnefCalendarRecipients.RECIP_ORGANIZER) != 0 || address.isEmpty()
                    || sender.isPresent() && sender.get().address.equalsIgnoreCase(address.get().address)) {
                    continue;
                }
                Optional<URI> uri = address.get().uri(notes);
                if (uri.isEmpty()) {
                    continue;
                }
                Attendee a = new Attendee(uri.get());
                a.getParameters().add(r.type == 2 ? Role.OPT_PARTICIPANT : r.type == 3 ? Role.NON_PARTICIPANT
                    : Role.REQ_PARTICIPANT);
                if (method == Method.REQUEST) {
                    a.getParameters().add(PartStat.NEEDS_ACTION);
                    a.getParameters().add(Rsvp.TRUE);
                }
                address.get().name.ifPresent(n -> a.getParameters().add(new Cn(n)));
                props.add(a);
            }
        }

        private Organizer organizer(URI uri, Address address) {
            Organizer o = new Organizer(uri);
            address.name.ifPresent(n -> o.getParameters().add(new Cn(n)));
            return o;
        }

        private List<Recipient> recipients() throws IOException {
            Optional<TnefAttribute> table = message.attribute(TnefAttribute.ATT_RECIP_TABLE);
            if (table.isEmpty()) {
                return List.of();
            }
            TnefContent content = table.get().content();
            if (content.size() > TnefCalendarRecipients.MAX_TABLE_OCTETS) {
                notes.add("attendees left out: recipient table of " + content.size() + " octets is over the limit of "
                    + TnefCalendarRecipients.MAX_TABLE_OCTETS);
                return List.of();
            }
            try {
                return TnefCalendarRecipients.read(content.toByteArray(), message.charset());
            } catch (TnefCalendarRecipients.MalformedException e) {
                notes.add("attendees left out: " + e.getMessage());
                return List.of();
            }
        }

        private Optional<Address> address(int smtpId, int emailId, int nameId) {
            Optional<String> address = p.string(smtpId);
            if (address.isEmpty() || !ADDRESS.matcher(address.get().trim()).matches()) {
                address = p.string(emailId);
            }
            return Address.of(address, p.string(nameId));
        }

        /** The UID: from the (clean) global object id, else made up from the message (with a note). */
        private String uid(Instant start, Optional<Address> sender) throws IOException {
            Optional<byte[]> id = blob(CLEAN_GLOBAL_OBJECT_ID);
            if (id.isEmpty()) {
                id = blob(GLOBAL_OBJECT_ID).map(TnefCalendarText::cleared);
            }
            if (id.isPresent()) {
                Optional<String> vcal = TnefCalendarText.vcalUid(id.get());
                return vcal.isPresent() ? vcal.get() : TnefCalendarText.hex(id.get());
            }
            notes.add("UID made up: no PidLidGlobalObjectId");
            String seed = message.messageClass().orElse("") + "\n" + message.subject().orElse("") + "\n" + start + "\n"
                + sender.map(a -> a.address.toLowerCase(Locale.ROOT)).orElse("");
            return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
        }

        private Optional<byte[]> blob(MapiName name) throws IOException {
            Optional<TnefContent> content = p.get(name).flatMap(MapiProperty::contentValue);
            if (content.isEmpty() || content.get().size() == 0) {
                return Optional.empty();
            }
            if (content.get().size() > MAX_GLOBAL_OBJECT_ID_OCTETS) {
                notes.add(name + " of " + content.get().size() + " octets ignored: over the limit of "
                    + MAX_GLOBAL_OBJECT_ID_OCTETS);
                return Optional.empty();
            }
            return Optional.of(content.get().toByteArray());
        }
    }

    /** An SMTP address and an optional display name. */
    private static final class Address {
        final String address;
        final Optional<String> name;

        private Address(String address, Optional<String> name) {
            this.address = address;
            this.name = name;
        }

        static Optional<Address> of(Optional<String> address, Optional<String> name) {
            Optional<String> a = address.map(String::trim).filter(s -> ADDRESS.matcher(s).matches());
            if (a.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> n = name
                .map(s -> TnefCalendarText.clean(s, 200).replace('\n', ' ').replace('\t', ' ').trim())
                .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase(a.get()));
            return Optional.of(new Address(a.get(), n));
        }

        Optional<URI> uri(List<String> notes) {
            try {
                return Optional.of(new URI("mailto:" + address));
            } catch (URISyntaxException e) {
                notes.add("address left out: " + e.getMessage());
                return Optional.empty();
            }
        }
    }

    /** The day whose midnight (UTC) is nearest to {@code t}: the local date of an all-day start within ±12 h. */
    static LocalDate nearestDay(Instant t) {
        return t.plus(Duration.ofHours(12)).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static DateTime utc(Instant t) {
        DateTime d = new DateTime(t.toEpochMilli());
        d.setUtc(true);
        return d;
    }

    private static Date date(LocalDate day) {
        try {
            return new Date(DATE.format(day));
        } catch (ParseException e) {
            throw new IllegalStateException("ical4j rejected date " + day, e);
        }
    }

    private static Optional<Integer> boxed(java.util.OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }
}
