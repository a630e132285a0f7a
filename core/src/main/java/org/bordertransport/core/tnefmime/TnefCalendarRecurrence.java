package org.bordertransport.core.tnefmime;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.bordertransport.core.tnef.MapiName;
import org.bordertransport.core.tnef.MapiProperties;
import org.bordertransport.core.tnef.MapiProperty;
import org.bordertransport.core.tnef.TnefContent;
import org.bordertransport.core.tnefmime.CalendarBlob.MalformedException;
import org.bordertransport.core.tnefmime.RecurrenceRules.Series;

import net.fortuna.ical4j.model.DateTime;
import net.fortuna.ical4j.model.property.RecurrenceId;

/**
 * The recurrence of a TNEF calendar message for {@link TnefCalendar}: PidLidAppointmentRecur read by
 * {@link AppointmentRecurrence}, in the time zone of PidLidAppointmentTimeZoneDefinitionRecur (unless it disagrees
 * with PidLidTimeZoneStruct, [MS-OXOCAL] 2.2.1.41), else PidLidTimeZoneStruct named by PidLidTimeZoneDescription,
 * else PidLidAppointmentTimeZoneDefinitionStartDisplay, else the fixed offset between the local start of the pattern
 * and the UTC start (a note says so), turned into iCalendar by {@link RecurrenceRules}. Whatever cannot be read
 * leaves the single first occurrence, with a note naming the reason.
 */
final class TnefCalendarRecurrence {
    static final MapiName RECUR = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8216);
    static final MapiName RECURRING = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8223);
    static final MapiName TIME_ZONE_STRUCT = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8233);
    static final MapiName TIME_ZONE_DESCRIPTION = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8234);
    static final MapiName TIME_ZONE_START_DISPLAY = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x825E);
    static final MapiName TIME_ZONE_RECUR = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8260);
    static final MapiName EXCEPTION_REPLACE_TIME = MapiName.ofId(MapiName.PSETID_APPOINTMENT, 0x8228);
    static final String FALLBACK = ": first occurrence only";

    private TnefCalendarRecurrence() {
    }

    /** Whether the message says it is recurring (PidLidRecurring, or a PidLidAppointmentRecur). */
    static boolean recurring(MapiProperties p) {
        return p.get(RECURRING).map(v -> v.intValue().orElse(0) != 0).orElse(false) || p.get(RECUR).isPresent();
    }

    /**
     * The series, or empty (with a note in {@code notes}) when the message is recurring but its recurrence cannot be
     * converted; empty without note when it is not recurring.
     *
     * @param start the UTC start of the first occurrence
     */
    static Optional<Series> read(MapiProperties p, Charset charset, Instant start, boolean allDay, List<String> notes)
        throws IOException {
        if (!recurring(p)) {
            return Optional.empty();
        }
        try {
            Optional<byte[]> blob = blob(p, RECUR, "PidLidAppointmentRecur");
            if (blob.isEmpty()) {
                notes.add("recurrence not converted: no PidLidAppointmentRecur" + FALLBACK);
                return Optional.empty();
            }
            AppointmentRecurrence r = AppointmentRecurrence.read(blob.get(), charset, notes);
            TimeZoneDefinition zone = allDay ? TimeZoneDefinition.fixed(0) : zone(p, r, start, notes);
            return Optional.of(RecurrenceRules.of(r, zone, allDay));
        } catch (MalformedException e) {
            notes.add("recurrence not converted: " + e.getMessage() + FALLBACK);
            return Optional.empty();
        }
    }

    /**
     * The RECURRENCE-ID of a message about one occurrence of a series (an update or cancellation of it): from
     * PidLidExceptionReplaceTime (the replaced start, UTC); without it a note, since a recipient may then apply the
     * message to the whole series.
     *
     * @param instanceDate whether the PidLidGlobalObjectId carries an instance date
     */
    static Optional<RecurrenceId> instance(MapiProperties p, boolean instanceDate, List<String> notes) {
        Optional<Instant> replaced = p.get(EXCEPTION_REPLACE_TIME).flatMap(MapiProperty::timeValue);
        if (replaced.isPresent()) {
            DateTime utc = new DateTime(replaced.get().toEpochMilli());
            utc.setUtc(true);
            return Optional.of(new RecurrenceId(utc));
        }
        if (instanceDate) {
            notes.add("one occurrence of a series without PidLidExceptionReplaceTime: no RECURRENCE-ID");
        }
        return Optional.empty();
    }

    private static TimeZoneDefinition zone(MapiProperties p, AppointmentRecurrence r, Instant start,
                                           List<String> notes) throws IOException {
        int year = r.startDate.getYear();
        Optional<TimeZoneDefinition> recur = definition(p, TIME_ZONE_RECUR,
            "PidLidAppointmentTimeZoneDefinitionRecur", year, notes);
        Optional<TimeZoneDefinition> struct = Optional.empty();
        try {
            Optional<byte[]> structBlob = blob(p, TIME_ZONE_STRUCT, "PidLidTimeZoneStruct");
            if (structBlob.isPresent()) {
                Optional<String> description = p.get(TIME_ZONE_DESCRIPTION).flatMap(MapiProperty::stringValue);
                struct = Optional.of(TimeZoneDefinition.readStruct(structBlob.get(), description));
            }
        } catch (MalformedException e) {
            notes.add("PidLidTimeZoneStruct ignored: " + e.getMessage());
        }
        if (recur.isPresent() && struct.isPresent() && !recur.get().sameRule(struct.get())) {
            notes.add("PidLidAppointmentTimeZoneDefinitionRecur disagrees with PidLidTimeZoneStruct: the struct is "
                + "used");
            return struct.get();
        }
        if (recur.isPresent()) {
            return recur.get();
        }
        if (struct.isPresent()) {
            return struct.get();
        }
        Optional<TimeZoneDefinition> display = definition(p, TIME_ZONE_START_DISPLAY,
            "PidLidAppointmentTimeZoneDefinitionStartDisplay", year, notes);
        if (display.isPresent()) {
            return display.get();
        }
        LocalDateTime local = r.startDate.atStartOfDay().plusMinutes(r.startOffsetMinutes);
        long offset = Duration.between(start, local.toInstant(ZoneOffset.UTC)).toMinutes();
        if (Math.abs(offset) > 14 * 60 || offset % 15 != 0) {
            notes.add("no time zone; the pattern's local start is " + offset + " minutes from the UTC start: UTC used");
            offset = 0;
        }
        TimeZoneDefinition fixed = TimeZoneDefinition.fixed((int) offset);
        notes.add("no time zone: fixed offset " + fixed.name + " from the start time");
        return fixed;
    }

    private static Optional<TimeZoneDefinition> definition(MapiProperties p, MapiName name, String label, int year,
                                                           List<String> notes) throws IOException {
        try {
            Optional<byte[]> value = blob(p, name, label);
            return value.isEmpty() ? Optional.empty()
                : Optional.of(TimeZoneDefinition.readDefinition(value.get(), year));
        } catch (MalformedException e) {
            notes.add(label + " ignored: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<byte[]> blob(MapiProperties p, MapiName name, String label)
        throws IOException, MalformedException {
        Optional<TnefContent> content = p.get(name).flatMap(MapiProperty::contentValue);
        if (content.isEmpty() || content.get().size() == 0) {
            return Optional.empty();
        }
        if (content.get().size() > CalendarBlob.MAX_OCTETS) {
            throw new MalformedException(label + " of " + content.get().size() + " octets is over the limit of "
                + CalendarBlob.MAX_OCTETS);
        }
        return Optional.of(content.get().toByteArray());
    }
}
