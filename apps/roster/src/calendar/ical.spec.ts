import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { ZONE } from '@permanentie/domain';
import { buildCalendar, fold } from './ical';

describe('iCalendar feed', () => {
  const night = {
    uid: 'a1',
    start: DateTime.fromISO('2026-10-24T19:00', { zone: ZONE }),
    end: DateTime.fromISO('2026-10-25T08:00', { zone: ZONE }),
    summary:
      'Wachtpost, eerste huisarts; zone Noord, Pajottenland — lange omschrijving om het vouwen van regels te testen',
  };
  const march = {
    uid: 'a2',
    start: DateTime.fromISO('2027-03-27T19:00', { zone: ZONE }),
    end: DateTime.fromISO('2027-03-28T08:00', { zone: ZONE }),
    summary: 'Wachtpost',
  };
  const text = buildCalendar([night, march], DateTime.fromISO('2026-09-01T10:00', { zone: ZONE }));

  it('uses CRLF lines of at most 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(fold('x'.repeat(80))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(5)}`);
    expect(fold('é'.repeat(40)).split('\r\n')[0]).toBe('é'.repeat(37));
  });

  it('parses with ical.js and gives the real instants of the DST nights (14 h and 12 h)', () => {
    const comp = new ICAL.Component(ICAL.parse(text));
    const tz = comp.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual([night.summary, 'Wachtpost']);
    const [oct, mar] = events;
    expect(oct.startDate.toJSDate().toISOString()).toBe('2026-10-24T17:00:00.000Z');
    expect(oct.endDate.toJSDate().toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect((oct.endDate.toUnixTime() - oct.startDate.toUnixTime()) / 3600).toBe(14);
    expect(mar.startDate.toJSDate().toISOString()).toBe('2027-03-27T18:00:00.000Z');
    expect((mar.endDate.toUnixTime() - mar.startDate.toUnixTime()) / 3600).toBe(12);
    expect(oct.startDate.zone.tzid).toBe('Europe/Brussels');
  });
});
