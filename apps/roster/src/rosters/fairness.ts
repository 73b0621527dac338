import { KringAssignment, KringGp, KringShift } from '../solver';

export interface FairnessRow {
  gpId: string;
  share: number;
  shifts: number;
  weightedHours: number;
  /** Her part of the kring's weighted hours, by share. */
  targetHours: number;
  /** (weighted hours - target) in shift-equivalents: + did more than her share. */
  deviation: number;
  weekends: number;
  nights: number;
  holidays: number;
  wishes: number;
  wishesHonoured: number;
}

export interface FairnessReport {
  rows: FairnessRow[];
  /** Mean weighted hours of one assigned seat: the unit of deviation and spread. */
  shiftEquivalentHours: number;
  /** Max minus min deviation over GPs with a share, in shift-equivalents. */
  spread: number;
  wishesPct: number;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Per GP: weighted hours (real hours x weight) against her share, weekends, nights, holidays and
 * wishes honoured; the kring's spread. Pure: the report, the bench and the tests share it.
 */
export function fairnessReport(
  shifts: KringShift[],
  gps: KringGp[],
  assignments: KringAssignment[],
): FairnessReport {
  const byId = new Map(shifts.map((s) => [s.id, s]));
  const mine = (gpId: string) => assignments.filter((a) => a.gpId === gpId && byId.has(a.shiftId));
  const wh = (s: KringShift) => (s.minutes / 60) * s.weight;
  const counted = assignments.filter((a) => byId.has(a.shiftId));
  const total = counted.reduce((sum, a) => sum + wh(byId.get(a.shiftId)!), 0);
  const unit = counted.length ? total / counted.length : 1;
  const totalShare = gps.reduce((s, g) => s + g.share, 0) || 1;
  let wishes = 0;
  let honoured = 0;
  const rows = gps.map((gp) => {
    const own = mine(gp.id).map((a) => byId.get(a.shiftId)!);
    const ownIds = new Set(own.map((s) => s.id));
    const weightedHours = own.reduce((s, x) => s + wh(x), 0);
    const targetHours = (total * gp.share) / totalShare;
    const kept = gp.wishes.filter((w) => ownIds.has(w.shiftId) === w.want).length;
    wishes += gp.wishes.length;
    honoured += kept;
    return {
      gpId: gp.id,
      share: round(gp.share, 3),
      shifts: own.length,
      weightedHours: round(weightedHours),
      targetHours: round(targetHours),
      deviation: round((weightedHours - targetHours) / unit),
      weekends: own.filter((s) => s.tags.includes('weekend')).length,
      nights: own.filter((s) => s.tags.includes('night')).length,
      holidays: own.filter((s) => s.tags.includes('holiday')).length,
      wishes: gp.wishes.length,
      wishesHonoured: kept,
    };
  });
  const devs = rows.filter((r) => r.share > 0).map((r) => r.deviation);
  return {
    rows,
    shiftEquivalentHours: round(unit),
    spread: devs.length ? round(Math.max(...devs) - Math.min(...devs)) : 0,
    wishesPct: wishes ? round((100 * honoured) / wishes, 1) : 100,
  };
}
