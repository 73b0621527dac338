import { evaluateRoster } from '../core/evaluate';
import { parseNrpInstance } from './nrp-instance';
import { nrpRoster, nrpToCore } from './nrp-to-core';

/** A small hand-made instance: two weeks, D and N shifts (no D the day after N), no binding rule unless overridden. */
function instance(
  parts: { staff?: string; daysOff?: string; on?: string; off?: string; cover?: string } = {},
) {
  return parseNrpInstance(`SECTION_HORIZON
14
SECTION_SHIFTS
D,480,
N,480,D
SECTION_STAFF
${parts.staff ?? 'A,D=14|N=14,10000,0,14,1,1,2'}
B,D=14|N=14,10000,0,14,1,1,2
C,D=14|N=14,10000,0,14,1,1,2
SECTION_DAYS_OFF
${parts.daysOff ?? ''}
SECTION_SHIFT_ON_REQUESTS
${parts.on ?? ''}
SECTION_SHIFT_OFF_REQUESTS
${parts.off ?? ''}
SECTION_COVER
${parts.cover ?? '0,D,0,1,1'}
`);
}

/** Check a roster written as "A 3 N, A 4 D". */
function check(inst: ReturnType<typeof instance>, roster: string) {
  const assignments = roster
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const [staff, day, shift] = a.split(' ');
      return { staff, day: Number(day), shift };
    });
  return evaluateRoster(nrpToCore(inst), nrpRoster(inst, assignments));
}
const rules = (inst: ReturnType<typeof instance>, roster: string) =>
  check(inst, roster).violations.map((v) => v.rule);

describe('NRP rule families (checker)', () => {
  it('forbidden succession: no D the day after N', () => {
    const inst = instance();
    expect(check(inst, 'A 3 N, A 4 D').violations.map((v) => v.message)).toEqual([
      'A: cannot take both day 3 shift N and day 4 shift D',
    ]);
    expect(rules(inst, 'A 3 N, A 4 N, A 6 D')).toEqual([]);
  });

  it('at most one shift a day', () => {
    expect(rules(instance(), 'A 2 D, A 2 N')).toEqual(['clique']);
    expect(rules(instance(), 'A 2 D')).toEqual([]);
  });

  it('max shifts per type', () => {
    const inst = instance({ staff: 'A,D=2|N=14,10000,0,14,1,1,2' });
    expect(check(inst, 'A 1 D, A 2 D, A 3 D').violations.map((v) => v.message)).toEqual([
      'A: 3 shifts D, at most 2',
    ]);
    expect(rules(inst, 'A 1 D, A 2 D, A 3 N')).toEqual([]);
  });

  it('max and min total minutes', () => {
    const inst = instance({ staff: 'A,D=14|N=14,960,960,14,1,1,2' });
    expect(rules(inst, 'A 1 D, A 2 D, A 3 D')).toEqual(['max_minutes']);
    expect(rules(inst, 'A 1 D')).toEqual(['min_minutes']);
    expect(rules(inst, 'A 1 D, A 2 D')).toEqual([]);
  });

  it('max consecutive shifts', () => {
    const inst = instance({ staff: 'A,D=14|N=14,10000,0,3,1,1,2' });
    expect(rules(inst, 'A 1 D, A 2 D, A 3 N, A 4 N')).toEqual(['max_consecutive']);
    expect(rules(inst, 'A 1 D, A 2 D, A 3 N, A 5 N')).toEqual([]);
  });

  it('min consecutive shifts, except stretches touching the first or last day', () => {
    const inst = instance({ staff: 'A,D=14|N=14,10000,0,14,2,1,2' });
    expect(rules(inst, 'A 5 D')).toEqual(['min_consecutive']);
    expect(rules(inst, 'A 0 D, A 13 D')).toEqual([]);
    expect(rules(inst, 'A 5 D, A 6 D')).toEqual([]);
  });

  it('min consecutive days off, except stretches touching the first or last day', () => {
    const inst = instance({ staff: 'A,D=14|N=14,10000,0,14,1,2,2' });
    expect(rules(inst, 'A 1 D, A 3 D')).toEqual(['min_consecutive_off']);
    expect(rules(inst, 'A 1 D, A 4 D, A 12 D')).toEqual([]);
    expect(
      rules(inst, 'A 1 D, A 2 D, A 3 D, A 4 D, A 5 D, A 6 D, A 7 D, A 8 D, A 9 D, A 10 D, A 11 D, A 12 D'),
    ).toEqual([]);
  });

  it('max weekends (a weekend counts when Saturday or Sunday is worked)', () => {
    const inst = instance({ staff: 'A,D=14|N=14,10000,0,14,1,1,1' });
    expect(rules(inst, 'A 5 D, A 13 D')).toEqual(['max_weekends']);
    expect(rules(inst, 'A 5 D, A 6 D, A 8 D')).toEqual([]);
  });

  it('fixed days off', () => {
    const inst = instance({ daysOff: 'A,4' });
    expect(check(inst, 'A 4 N').violations.map((v) => v.message)).toEqual([
      'A: day 4 shift N is not allowed (fixed day off)',
    ]);
    expect(rules(inst, 'A 5 N')).toEqual([]);
  });

  it('weighted shift-on and shift-off requests', () => {
    const inst = instance({ on: 'A,2,D,3', off: 'B,3,N,4' });
    expect(check(inst, '').objective).toBe(3);
    expect(check(inst, 'A 2 D').objective).toBe(0);
    expect(check(inst, 'A 2 N').objective).toBe(3);
    expect(check(inst, 'A 2 D, B 3 N').objective).toBe(4);
  });

  it('cover with weights for under- and over-staffing', () => {
    const inst = instance({ cover: '0,D,2,100,5\n1,N,1,100,1' });
    expect(check(inst, 'A 0 D, B 0 D, C 1 N').objective).toBe(0);
    expect(check(inst, 'A 0 D, C 1 N').objective).toBe(100);
    expect(check(inst, 'A 0 D, B 0 D, C 0 D').objective).toBe(105);
  });
});
