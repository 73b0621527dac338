import { NrpParseError, parseNrpInstance } from './nrp-instance';

const SAMPLE = `# comment
SECTION_HORIZON
# days
14

SECTION_SHIFTS
D,480,
L,600,D|E
E,480,

SECTION_STAFF
A,D=14|L=3|E=0,4320,3360,5,2,2,1
B,D=10,8640,0,6,1,1,2

SECTION_DAYS_OFF
A,0,13
B,5

SECTION_SHIFT_ON_REQUESTS
A,2,D,2

SECTION_SHIFT_OFF_REQUESTS
B,3,L,3

SECTION_COVER
0,D,5,100,1
13,L,2,100,10
`;

function errorOf(text: string): NrpParseError {
  try {
    parseNrpInstance(text);
  } catch (error) {
    if (error instanceof NrpParseError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parseNrpInstance', () => {
  const instance = parseNrpInstance(SAMPLE, 'Sample');

  it('reads the horizon', () => {
    expect(instance.name).toBe('Sample');
    expect(instance.days).toBe(14);
  });

  it('reads shifts with their length and the shifts that cannot follow', () => {
    expect(instance.shifts).toEqual([
      { id: 'D', minutes: 480, cannotFollow: [] },
      { id: 'L', minutes: 600, cannotFollow: ['D', 'E'] },
      { id: 'E', minutes: 480, cannotFollow: [] },
    ]);
  });

  it('reads staff limits', () => {
    expect(instance.staff[0]).toEqual({
      id: 'A',
      maxShifts: { D: 14, L: 3, E: 0 },
      maxTotalMinutes: 4320,
      minTotalMinutes: 3360,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
    });
    expect(instance.staff[1].maxShifts).toEqual({ D: 10 });
  });

  it('reads days off, requests and cover', () => {
    expect(instance.daysOff.get('A')).toEqual([0, 13]);
    expect(instance.daysOff.get('B')).toEqual([5]);
    expect(instance.onRequests).toEqual([{ staff: 'A', day: 2, shift: 'D', weight: 2 }]);
    expect(instance.offRequests).toEqual([{ staff: 'B', day: 3, shift: 'L', weight: 3 }]);
    expect(instance.cover).toEqual([
      { day: 0, shift: 'D', requirement: 5, underWeight: 100, overWeight: 1 },
      { day: 13, shift: 'L', requirement: 2, underWeight: 100, overWeight: 10 },
    ]);
  });

  const lineOf = (needle: string) => SAMPLE.split('\n').findIndex((l) => l === needle) + 1;
  const malformed: [string, string, string, string][] = [
    [
      'a non-number in a staff field',
      'B,D=10,8640,0,6,1,1,2',
      'B,D=10,lots,0,6,1,1,2',
      'field 3 (max total minutes) must be a whole number, got "lots"',
    ],
    ['a staff line with too few fields', 'B,D=10,8640,0,6,1,1,2', 'B,D=10,8640,0,6', 'expected staff'],
    [
      'a bad max-shifts entry',
      'B,D=10,8640,0,6,1,1,2',
      'B,D:10,8640,0,6,1,1,2',
      'must look like "D=14", got "D:10"',
    ],
    ['an unknown shift in cover', '0,D,5,100,1', '0,X,5,100,1', 'unknown shift "X"'],
    ['a day outside the horizon', 'A,2,D,2', 'A,14,D,2', 'day 14 is outside the horizon of 14 days'],
    ['an unknown employee', 'B,3,L,3', 'Z,3,L,3', 'unknown staff "Z"'],
    [
      'an unknown cannot-follow shift',
      'L,600,D|E',
      'L,600,D|Q',
      'unknown shift "Q" in the cannot-follow list',
    ],
    ['a zero-length shift', 'D,480,', 'D,0,', 'field 2 (shift length in minutes) must be at least 1'],
    ['an unknown section', 'SECTION_COVER', 'SECTION_COVERS', 'unknown section SECTION_COVERS'],
    ['a duplicate staff ID', 'B,D=10,8640,0,6,1,1,2', 'A,D=10,8640,0,6,1,1,2', 'duplicate staff ID "A"'],
  ];
  it.each(malformed)('names the line and the problem for %s', (_what, original, replacement, reason) => {
    const line = lineOf(original);
    const error = errorOf(SAMPLE.replace(original, replacement));
    expect(error.line).toBe(line);
    expect(error.message).toContain(`line ${line}: `);
    expect(error.message).toContain(reason);
  });

  it('names a missing section', () => {
    expect(errorOf(SAMPLE.replace(/SECTION_COVER[\s\S]*$/, '')).message).toContain(
      'missing section SECTION_COVER',
    );
  });

  it('rejects data before the first section', () => {
    const error = errorOf(`14\n${SAMPLE}`);
    expect(error.line).toBe(1);
    expect(error.message).toContain('data before the first SECTION_ header');
  });
});
