import { NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { Outbox } from '@permanentie/bus';
import { DutyAssigned, DutyUnassigned } from '@permanentie/contracts';
import { ZONE } from '@permanentie/domain';
import { Gp, GpPreference } from '../gps/gp.entity';
import { Kring } from '../kringen/kring.entity';
import { KringAssignment, KringCommitment, KringProblem, ROTATION_YEARS } from '../solver';
import { buildKringProblem } from './build-problem';
import { Assignment, Roster, Shift } from './roster.entity';

export async function lockRoster(tx: EntityManager, rosterId: string): Promise<Roster> {
  const roster = await tx.findOne(Roster, { where: { id: rosterId }, lock: { mode: 'pessimistic_write' } });
  if (!roster) throw new NotFoundException('Rol niet gevonden');
  return roster;
}

export const toKring = (a: Assignment): KringAssignment => ({
  shiftId: a.shiftId,
  role: a.role,
  gpId: a.gpId,
});

/** Everything the solver and the rule checks need about a roster, from the database. */
export async function loadProblem(em: EntityManager, roster: Roster): Promise<KringProblem> {
  const kring = await em.findOneByOrFail(Kring, { id: roster.kringId });
  const shifts = await em.find(Shift, { where: { rosterId: roster.id }, order: { startsAt: 'ASC' } });
  const gps = await em.find(Gp, { where: { kringId: roster.kringId }, order: { id: 'ASC' } });
  const preferences = gps.length
    ? await em.find(GpPreference, { where: { gpId: In(gps.map((g) => g.id)) } })
    : [];
  const locked = await em.find(Assignment, { where: { rosterId: roster.id, locked: true } });
  const yearStart = DateTime.fromISO(roster.periodStart, { zone: ZONE }).startOf('year');
  const periodStart = DateTime.fromISO(roster.periodStart, { zone: ZONE });
  const earlier: { gp_id: string; minutes: number; weight: number }[] = await em.query(
    `SELECT a.gp_id, s.minutes, s.weight FROM assignment a
       JOIN shift s ON s.id = a.shift_id JOIN roster r ON r.id = a.roster_id
      WHERE r.kring_id = $1 AND r.status = 'published' AND r.id <> $2
        AND s.starts_at >= $3 AND s.starts_at < $4`,
    [roster.kringId, roster.id, yearStart.toISO(), periodStart.toISO()],
  );
  // Christmas/New Year's Eve of the last ROTATION_YEARS years, for the rotation.
  const eves: { gp_id: string; tags: string[]; year: number }[] = await em.query(
    `SELECT a.gp_id, s.tags, date_part('year', s.starts_at AT TIME ZONE 'Europe/Brussels')::int AS year
       FROM assignment a JOIN shift s ON s.id = a.shift_id JOIN roster r ON r.id = a.roster_id
      WHERE r.kring_id = $1 AND r.status = 'published' AND s.tags && ARRAY['christmas_eve', 'new_years_eve']
        AND s.starts_at >= $2 AND s.starts_at < $3`,
    [roster.kringId, yearStart.minus({ years: ROTATION_YEARS }).toISO(), yearStart.toISO()],
  );
  const elsewhere = await neighbouringAssignments(em, roster, shifts, kring.settings.minRestHours);
  return buildKringProblem({
    settings: kring.settings,
    from: roster.periodStart,
    to: roster.periodEnd,
    shifts,
    gps,
    preferences,
    locked: locked.map(toKring),
    earlier: earlier.map((e) => ({ gpId: e.gp_id, minutes: e.minutes, weight: e.weight })),
    earlierEves: eves.map((l) => ({ gpId: l.gp_id, tags: l.tags, year: l.year })),
    elsewhere,
  });
}

/**
 * The GPs' assignments in the kring's other rosters (published or draft) that matter to this
 * one: shifts within the rest period of its first and last shift, or in an ISO week it touches
 * (a week can be split across two rosters).
 */
async function neighbouringAssignments(
  em: EntityManager,
  roster: Roster,
  shifts: Shift[],
  minRestHours: number,
): Promise<KringCommitment[]> {
  if (!shifts.length) return [];
  const firstStart = Math.min(...shifts.map((s) => s.startsAt.getTime()));
  const lastStart = Math.max(...shifts.map((s) => s.startsAt.getTime()));
  const lastEnd = Math.max(...shifts.map((s) => s.endsAt.getTime()));
  const restMs = minRestHours * 3600_000;
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE });
  const from = Math.min(local(firstStart).startOf('week').toMillis(), firstStart - restMs);
  const to = Math.max(local(lastStart).startOf('week').plus({ weeks: 1 }).toMillis(), lastEnd + restMs);
  const rows: { gp_id: string; shift_id: string; roster_id: string; starts_at: Date; ends_at: Date }[] =
    await em.query(
      `SELECT a.gp_id, a.shift_id, a.roster_id, s.starts_at, s.ends_at
         FROM assignment a JOIN shift s ON s.id = a.shift_id JOIN roster r ON r.id = a.roster_id
        WHERE r.kring_id = $1 AND r.id <> $2 AND s.ends_at > $3 AND s.starts_at < $4
        ORDER BY s.starts_at`,
      [roster.kringId, roster.id, new Date(from), new Date(to)],
    );
  const iso = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toISO()!;
  return rows.map((r) => ({
    gpId: r.gp_id,
    shiftId: r.shift_id,
    rosterId: r.roster_id,
    start: iso(r.starts_at),
    end: iso(r.ends_at),
  }));
}

export const newAssignment = (rosterId: string, a: KringAssignment, locked: boolean): Assignment =>
  Object.assign(new Assignment(), { id: randomUUID(), rosterId, ...a, locked });

export async function publishAssigned(
  tx: EntityManager,
  outbox: Outbox,
  roster: Roster,
  a: Assignment,
  shift: Shift,
): Promise<void> {
  await outbox.publish(tx, DutyAssigned, {
    assignmentId: a.id,
    rosterId: roster.id,
    shiftId: shift.id,
    kringId: roster.kringId,
    zoneId: shift.zoneId,
    dutyKind: shift.kind,
    role: a.role,
    gpId: a.gpId,
    startsAt: DateTime.fromJSDate(shift.startsAt, { zone: ZONE }).toISO()!,
    endsAt: DateTime.fromJSDate(shift.endsAt, { zone: ZONE }).toISO()!,
  });
}

/**
 * Applies a decided change inside the caller's transaction. On a published roster each removed
 * assignment is a DutyUnassigned and each new one a DutyAssigned (dispatch's on-duty view).
 */
export async function applyChange(
  tx: EntityManager,
  outbox: Outbox,
  roster: Roster,
  remove: Assignment[],
  add: Assignment[],
): Promise<void> {
  if (remove.length) await tx.delete(Assignment, { id: In(remove.map((a) => a.id)) });
  if (add.length) await tx.insert(Assignment, add);
  if (roster.status !== 'published') return;
  for (const a of remove)
    await outbox.publish(tx, DutyUnassigned, {
      assignmentId: a.id,
      shiftId: a.shiftId,
      gpId: a.gpId,
      kringId: roster.kringId,
    });
  const shifts = add.length ? await tx.findBy(Shift, { id: In(add.map((a) => a.shiftId)) }) : [];
  for (const a of add)
    await publishAssigned(
      tx,
      outbox,
      roster,
      a,
      shifts.find((s) => s.id === a.shiftId)!,
    );
}
