/**
 * The Curtois & Qu shift-scheduling benchmark text format (schedulingbenchmarks.org).
 * Parsing is strict: anything malformed raises NrpParseError naming the line and the problem.
 */
export interface NrpShiftType {
  id: string;
  minutes: number;
  /** Shift types that may not be worked the day after this one. */
  cannotFollow: string[];
}

export interface NrpStaff {
  id: string;
  maxShifts: Record<string, number>;
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
}

export interface NrpRequest {
  staff: string;
  day: number;
  shift: string;
  weight: number;
}

export interface NrpCover {
  day: number;
  shift: string;
  requirement: number;
  underWeight: number;
  overWeight: number;
}

export interface NrpInstance {
  name: string;
  days: number;
  shifts: NrpShiftType[];
  staff: NrpStaff[];
  daysOff: Map<string, number[]>;
  onRequests: NrpRequest[];
  offRequests: NrpRequest[];
  cover: NrpCover[];
}

export class NrpParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'NrpParseError';
  }
}

const SECTIONS = [
  'SECTION_HORIZON',
  'SECTION_SHIFTS',
  'SECTION_STAFF',
  'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS',
  'SECTION_SHIFT_OFF_REQUESTS',
  'SECTION_COVER',
] as const;
type Section = (typeof SECTIONS)[number];

interface Line {
  no: number;
  fields: string[];
}

export function parseNrpInstance(text: string, name = 'instance'): NrpInstance {
  const bySection = new Map<Section, Line[]>();
  let current: Section | null = null;
  const rawLines = text.split(/\r?\n/);
  rawLines.forEach((raw, i) => {
    const no = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('SECTION_')) {
      if (!(SECTIONS as readonly string[]).includes(line))
        throw new NrpParseError(no, `unknown section ${line}`);
      current = line as Section;
      if (bySection.has(current)) throw new NrpParseError(no, `section ${line} appears twice`);
      bySection.set(current, []);
      return;
    }
    if (current === null) throw new NrpParseError(no, `data before the first SECTION_ header: "${line}"`);
    bySection.get(current)!.push({ no, fields: line.split(',').map((f) => f.trim()) });
  });

  const section = (s: Section, required = true): Line[] => {
    const lines = bySection.get(s);
    if (!lines && required)
      throw new NrpParseError(rawLines.length, `missing section ${s} (reached the end of the file)`);
    return lines ?? [];
  };

  const horizon = section('SECTION_HORIZON');
  if (horizon.length !== 1)
    throw new NrpParseError(
      horizon[1]?.no ?? rawLines.length,
      'SECTION_HORIZON must hold exactly one number',
    );
  const days = int(horizon[0], 0, 'horizon length', 1);

  const shifts: NrpShiftType[] = section('SECTION_SHIFTS').map((l) => {
    fieldCount(l, 2, 3, 'a shift: ID, minutes, shifts that cannot follow');
    return {
      id: id(l, 0, 'shift ID'),
      minutes: int(l, 1, 'shift length in minutes', 1),
      cannotFollow: (l.fields[2] ?? '').split('|').filter((f) => f !== ''),
    };
  });
  unique(
    section('SECTION_SHIFTS'),
    shifts.map((s) => s.id),
    'shift',
  );
  const shiftIds = new Set(shifts.map((s) => s.id));
  for (const [i, shift] of shifts.entries())
    for (const next of shift.cannotFollow)
      if (!shiftIds.has(next))
        throw new NrpParseError(
          section('SECTION_SHIFTS')[i].no,
          `unknown shift "${next}" in the cannot-follow list`,
        );

  const staffLines = section('SECTION_STAFF');
  const staff: NrpStaff[] = staffLines.map((l) => {
    fieldCount(
      l,
      8,
      8,
      'staff: ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends',
    );
    const maxShifts: Record<string, number> = {};
    for (const part of l.fields[1].split('|').filter((p) => p !== '')) {
      const m = /^([^=]+)=(\d+)$/.exec(part);
      if (!m)
        throw new NrpParseError(l.no, `field 2 (max shifts per type) must look like "D=14", got "${part}"`);
      if (!shiftIds.has(m[1]))
        throw new NrpParseError(l.no, `unknown shift "${m[1]}" in max shifts per type`);
      maxShifts[m[1]] = Number(m[2]);
    }
    const member: NrpStaff = {
      id: id(l, 0, 'staff ID'),
      maxShifts,
      maxTotalMinutes: int(l, 2, 'max total minutes'),
      minTotalMinutes: int(l, 3, 'min total minutes'),
      maxConsecutiveShifts: int(l, 4, 'max consecutive shifts'),
      minConsecutiveShifts: int(l, 5, 'min consecutive shifts'),
      minConsecutiveDaysOff: int(l, 6, 'min consecutive days off'),
      maxWeekends: int(l, 7, 'max weekends'),
    };
    if (member.minTotalMinutes > member.maxTotalMinutes)
      throw new NrpParseError(
        l.no,
        `min total minutes ${member.minTotalMinutes} exceeds max ${member.maxTotalMinutes}`,
      );
    return member;
  });
  unique(
    staffLines,
    staff.map((s) => s.id),
    'staff',
  );
  const staffIds = new Set(staff.map((s) => s.id));
  const knownStaff = (l: Line) => {
    if (!staffIds.has(l.fields[0])) throw new NrpParseError(l.no, `unknown staff "${l.fields[0]}"`);
    return l.fields[0];
  };
  const knownShift = (l: Line, i: number) => {
    if (!shiftIds.has(l.fields[i])) throw new NrpParseError(l.no, `unknown shift "${l.fields[i]}"`);
    return l.fields[i];
  };
  const day = (l: Line, i: number) => {
    const d = int(l, i, 'day index');
    if (d >= days)
      throw new NrpParseError(l.no, `day ${d} is outside the horizon of ${days} days (0-${days - 1})`);
    return d;
  };

  const daysOff = new Map<string, number[]>();
  for (const l of section('SECTION_DAYS_OFF', false)) {
    fieldCount(l, 1, Infinity, 'days off: EmployeeID, day indexes');
    const who = knownStaff(l);
    daysOff.set(who, [...(daysOff.get(who) ?? []), ...l.fields.slice(1).map((_, i) => day(l, i + 1))]);
  }
  const requests = (s: Section) =>
    section(s, false).map((l): NrpRequest => {
      fieldCount(l, 4, 4, 'a request: EmployeeID, Day, ShiftID, Weight');
      return { staff: knownStaff(l), day: day(l, 1), shift: knownShift(l, 2), weight: int(l, 3, 'weight') };
    });
  const cover = section('SECTION_COVER').map((l): NrpCover => {
    fieldCount(l, 5, 5, 'cover: Day, ShiftID, Requirement, Weight for under, Weight for over');
    return {
      day: day(l, 0),
      shift: knownShift(l, 1),
      requirement: int(l, 2, 'requirement'),
      underWeight: int(l, 3, 'weight for under'),
      overWeight: int(l, 4, 'weight for over'),
    };
  });

  return {
    name,
    days,
    shifts,
    staff,
    daysOff,
    onRequests: requests('SECTION_SHIFT_ON_REQUESTS'),
    offRequests: requests('SECTION_SHIFT_OFF_REQUESTS'),
    cover,
  };
}

function fieldCount(l: Line, min: number, max: number, what: string): void {
  if (l.fields.length < min || l.fields.length > max)
    throw new NrpParseError(
      l.no,
      `expected ${what} (${min === max ? min : `${min}+`} fields), got ${l.fields.length}: "${l.fields.join(',')}"`,
    );
}

function int(l: Line, i: number, what: string, min = 0): number {
  const raw = l.fields[i];
  if (raw === undefined || !/^-?\d+$/.test(raw))
    throw new NrpParseError(l.no, `field ${i + 1} (${what}) must be a whole number, got "${raw ?? ''}"`);
  const value = Number(raw);
  if (value < min)
    throw new NrpParseError(l.no, `field ${i + 1} (${what}) must be at least ${min}, got ${value}`);
  return value;
}

function id(l: Line, i: number, what: string): string {
  const value = l.fields[i];
  if (!value) throw new NrpParseError(l.no, `field ${i + 1} (${what}) is empty`);
  return value;
}

function unique(lines: Line[], ids: string[], what: string): void {
  const seen = new Set<string>();
  ids.forEach((value, i) => {
    if (seen.has(value)) throw new NrpParseError(lines[i].no, `duplicate ${what} ID "${value}"`);
    seen.add(value);
  });
}
