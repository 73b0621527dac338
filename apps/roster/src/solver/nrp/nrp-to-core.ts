import { CoreEmployee, CoreProblem, CoreRoster } from '../core/roster-core';
import { NrpInstance } from './nrp-instance';

/** The benchmark front door: an NRP instance as a core problem. Slot index = day * shiftTypes + type. */
export function nrpToCore(instance: NrpInstance): CoreProblem {
  const T = instance.shifts.length;
  const H = instance.days;
  const typeIndex = new Map(instance.shifts.map((s, i) => [s.id, i]));
  const slot = (day: number, shift: string) => day * T + typeIndex.get(shift)!;
  const slots = [];
  for (let d = 0; d < H; d++)
    for (const shift of instance.shifts)
      slots.push({
        day: d,
        minutes: shift.minutes,
        load: shift.minutes / 60,
        label: `day ${d} shift ${shift.id}`,
      });

  const cliques: number[][] = [];
  for (let d = 0; d < H; d++) cliques.push(instance.shifts.map((s) => slot(d, s.id)));
  // x[d,a] + sum of the shifts b that cannot follow a on d+1 <= 1: valid because d+1 holds at most one shift.
  for (let d = 0; d + 1 < H; d++)
    for (const shift of instance.shifts)
      if (shift.cannotFollow.length)
        cliques.push([slot(d, shift.id), ...shift.cannotFollow.map((b) => slot(d + 1, b))]);

  const weekends: number[][] = [];
  for (let sat = 5; sat < H; sat += 7) weekends.push([sat, sat + 1].filter((d) => d < H));

  let offset = 0;
  const employees: CoreEmployee[] = instance.staff.map((staff) => {
    const forbidden = new Map<number, string>();
    for (const d of instance.daysOff.get(staff.id) ?? [])
      for (const s of instance.shifts) forbidden.set(slot(d, s.id), 'fixed day off');
    const limits = [];
    for (const s of instance.shifts) {
      const max = staff.maxShifts[s.id] ?? H;
      const ofType = Array.from({ length: H }, (_, d) => slot(d, s.id));
      if (max === 0)
        for (const x of ofType) if (!forbidden.has(x)) forbidden.set(x, `may not work shift ${s.id}`);
      if (max > 0 && max < H) limits.push({ slots: ofType, max, label: `shifts ${s.id}` });
    }
    return {
      id: staff.id,
      forbidden,
      fixed: [],
      costs: new Map<number, number>(),
      limits,
      minMinutes: staff.minTotalMinutes,
      maxMinutes: staff.maxTotalMinutes,
      maxConsecutive: staff.maxConsecutiveShifts,
      minConsecutive: staff.minConsecutiveShifts,
      minConsecutiveOff: staff.minConsecutiveDaysOff,
      maxWeekends: staff.maxWeekends,
    };
  });
  const employeeIndex = new Map(instance.staff.map((s, i) => [s.id, i]));
  const addCost = (staff: string, s: number, cost: number) => {
    const costs = employees[employeeIndex.get(staff)!].costs;
    costs.set(s, (costs.get(s) ?? 0) + cost);
  };
  // A shift-on request costs its weight unless met: constant weight, refunded by taking the shift.
  for (const r of instance.onRequests) {
    offset += r.weight;
    addCost(r.staff, slot(r.day, r.shift), -r.weight);
  }
  for (const r of instance.offRequests) addCost(r.staff, slot(r.day, r.shift), r.weight);

  const covers = instance.cover.map((c) => ({
    slots: [slot(c.day, c.shift)],
    target: c.requirement,
    underWeight: c.underWeight,
    overWeight: c.overWeight,
    label: `cover day ${c.day} shift ${c.shift}`,
  }));
  return { name: instance.name, days: H, slots, cliques, pairs: [], weekends, covers, employees, offset };
}

export interface NrpAssignment {
  staff: string;
  day: number;
  shift: string;
}

export function nrpRoster(instance: NrpInstance, assignments: NrpAssignment[]): CoreRoster {
  const T = instance.shifts.length;
  const roster: CoreRoster = instance.staff.map(() => []);
  for (const a of assignments) {
    const e = instance.staff.findIndex((s) => s.id === a.staff);
    const t = instance.shifts.findIndex((s) => s.id === a.shift);
    if (e < 0 || t < 0) throw new Error(`unknown staff or shift in ${a.staff},${a.day},${a.shift}`);
    roster[e].push(a.day * T + t);
  }
  return roster;
}

export function nrpAssignments(instance: NrpInstance, roster: CoreRoster): NrpAssignment[] {
  const T = instance.shifts.length;
  return roster
    .flatMap((slots, e) =>
      slots.map((s) => ({
        staff: instance.staff[e].id,
        day: Math.floor(s / T),
        shift: instance.shifts[s % T].id,
      })),
    )
    .sort((a, b) => a.staff.localeCompare(b.staff) || a.day - b.day);
}
