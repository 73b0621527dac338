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
  /**
   * Her load as a full-share load: weighted hours / normalised share (share / the largest share
   * in the kring, so a full share is 1), in shift-equivalents; null for a GP with share 0.
   */
  fullShareLoad: number | null;
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
  /**
   * The kring's spread (issue 3): max minus min of fullShareLoad over the GPs with a positive
   * share, in shift-equivalents. 0 when everyone carries exactly her share.
   */
  spread: number;
  /** The earlier figure: max minus min of deviation (hours - target), in shift-equivalents. */
  deviationSpread: number;
  /** GPs with share 0, left out of both spreads. */
  zeroShare: string[];
  wishesPct: number;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Per GP: weighted hours (real hours x weight) against her share, weekends, nights, holidays and
 * wishes honoured; the kring's spread. Pure: the report, the bench and the tests share it.
 * Spread (issue 3, point 8): each GP with a positive share has her load expressed as a full-share
 * load (weighted hours / normalised share); the spread is max minus min of that, in
 * shift-equivalents. The per-GP deviation from the target and its range stay as deviation and
 * deviationSpread.
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
  const fullShare = Math.max(0, ...gps.map((g) => g.share));
  let wishes = 0;
  let honoured = 0;
  const fullShareLoads: number[] = [];
  const deviations: number[] = [];
  const rows = gps.map((gp) => {
    const own = mine(gp.id).map((a) => byId.get(a.shiftId)!);
    const ownIds = new Set(own.map((s) => s.id));
    const weightedHours = own.reduce((s, x) => s + wh(x), 0);
    const targetHours = (total * gp.share) / totalShare;
    const kept = gp.wishes.filter((w) => ownIds.has(w.shiftId) === w.want).length;
    wishes += gp.wishes.length;
    honoured += kept;
    const deviation = (weightedHours - targetHours) / unit;
    const fullShareLoad = gp.share > 0 ? weightedHours / (gp.share / fullShare) / unit : null;
    if (fullShareLoad !== null) {
      fullShareLoads.push(fullShareLoad);
      deviations.push(deviation);
    }
    return {
      gpId: gp.id,
      share: round(gp.share, 3),
      shifts: own.length,
      weightedHours: round(weightedHours),
      targetHours: round(targetHours),
      deviation: round(deviation),
      fullShareLoad: fullShareLoad === null ? null : round(fullShareLoad),
      weekends: own.filter((s) => s.tags.includes('weekend')).length,
      nights: own.filter((s) => s.tags.includes('night')).length,
      holidays: own.filter((s) => s.tags.includes('holiday')).length,
      wishes: gp.wishes.length,
      wishesHonoured: kept,
    };
  });
  const range = (xs: number[]) => (xs.length ? round(Math.max(...xs) - Math.min(...xs)) : 0);
  return {
    rows,
    shiftEquivalentHours: round(unit),
    spread: range(fullShareLoads),
    deviationSpread: range(deviations),
    zeroShare: gps.filter((g) => !(g.share > 0)).map((g) => g.id),
    wishesPct: wishes ? round((100 * honoured) / wishes, 1) : 100,
  };
}
