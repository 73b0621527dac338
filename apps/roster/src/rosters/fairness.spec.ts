import { KringGp, KringShift } from '../solver';
import { fairnessReport } from './fairness';

const shift = (id: string, minutes: number, weight: number, tags: string[] = []): KringShift => ({
  id,
  kind: 'wachtpost',
  zoneId: 'z',
  start: '2026-10-24T19:00:00+02:00',
  end: '2026-10-25T08:00:00+01:00',
  minutes,
  weight,
  need: { first: 1 },
  tags,
});
const gp = (id: string, share: number, wishes: KringGp['wishes'] = []): KringGp => ({
  id,
  share,
  capabilities: [],
  unavailable: [],
  wishes,
  carriedOver: 0,
  eveHistory: [],
});

describe('fairness report', () => {
  it('measures weighted hours against the share in shift-equivalents', () => {
    const shifts = [
      shift('a', 600, 1),
      shift('b', 600, 1),
      shift('c', 840, 1.5, ['night', 'weekend']),
      shift('d', 600, 1),
    ];
    const report = fairnessReport(
      shifts,
      [
        gp('x', 1, [{ shiftId: 'c', want: false, weight: 1 }]),
        gp('y', 1, [{ shiftId: 'd', want: true, weight: 1 }]),
        gp('old', 0),
      ],
      [
        { shiftId: 'a', role: 'first', gpId: 'x' },
        { shiftId: 'b', role: 'first', gpId: 'x' },
        { shiftId: 'c', role: 'first', gpId: 'y' },
        { shiftId: 'd', role: 'first', gpId: 'y' },
      ],
    );
    // 10 + 10 + 21 + 10 = 51 weighted hours, 12.75 per seat; x has 20, y 31, target 25.5 each.
    expect(report.shiftEquivalentHours).toBe(12.75);
    expect(report.rows.map((r) => [r.gpId, r.weightedHours, r.targetHours, r.deviation])).toEqual([
      ['x', 20, 25.5, -0.43],
      ['y', 31, 25.5, 0.43],
      ['old', 0, 0, 0],
    ]);
    // Equal shares: the full-share loads are the weighted hours, 20 and 31 h = 1.57 and 2.43.
    expect(report.rows.map((r) => r.fullShareLoad)).toEqual([1.57, 2.43, null]);
    expect(report.spread).toBe(0.86);
    expect(report.deviationSpread).toBe(0.86);
    expect(report.zeroShare).toEqual(['old']);
    expect(report.rows[1]).toMatchObject({ nights: 1, weekends: 1, holidays: 0, wishesHonoured: 1 });
    expect(report.wishesPct).toBe(100);
  });

  it('measures the spread as max minus min of weighted hours over normalised share (issue 3)', () => {
    // Two seats of 15 weighted hours each: the half-share GP did as much as the full-share one.
    const shifts = [shift('a', 600, 1.5), shift('b', 600, 1.5)];
    const report = fairnessReport(
      shifts,
      [gp('half', 0.5), gp('full', 1), gp('retired', 0)],
      [
        { shiftId: 'a', role: 'first', gpId: 'half' },
        { shiftId: 'b', role: 'first', gpId: 'full' },
      ],
    );
    expect(report.shiftEquivalentHours).toBe(15);
    // As a full-share load: 15 h / 0.5 = 30 h = 2 shift-equivalents, against 15 h = 1.
    expect(report.rows.map((r) => r.fullShareLoad)).toEqual([2, 1, null]);
    expect(report.spread).toBe(1);
    // Targets 10 and 20 h: +5 and -5 h, 0.67 shift-equivalents apart.
    expect(report.rows.map((r) => r.deviation)).toEqual([0.33, -0.33, 0]);
    expect(report.deviationSpread).toBe(0.67);
    expect(report.zeroShare).toEqual(['retired']);
  });

  it('normalises shares by the largest, so relative shares give the same spread', () => {
    const shifts = [shift('a', 600, 1.5), shift('b', 600, 1.5)];
    const assignments = [
      { shiftId: 'a', role: 'first' as const, gpId: 'half' },
      { shiftId: 'b', role: 'first' as const, gpId: 'full' },
    ];
    const relative = fairnessReport(shifts, [gp('half', 1), gp('full', 2)], assignments);
    expect(relative.spread).toBe(1);
  });
});
