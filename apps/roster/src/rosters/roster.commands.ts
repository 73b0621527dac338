import { ConflictException, Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Outbox } from '@permanentie/bus';
import { DutyRole, RosterPublished } from '@permanentie/contracts';
import { CLOCK, Clock, holidaysBetween, ZONE } from '@permanentie/domain';
import { InvalidInput } from '@permanentie/platform';
import { DutyTemplate } from '../duties/duty-template.entity';
import { generateShifts } from '../duties/generate-shifts';
import { Kring } from '../kringen/kring.entity';
import { checkKringAssignments } from '../solver';
import { ACTIVE_PHASES } from '../solving/solve-run.entity';
import { decideAssignments } from './assignment.rules';
import { Assignment, Roster, Shift, shiftRow } from './roster.entity';
import {
  applyChange,
  loadProblem,
  lockRoster,
  newAssignment,
  publishAssigned,
  toKring,
} from './roster.store';

/** A draft roster for [from, to] with its shifts generated from the kring's templates. */
export class CreateRoster {
  constructor(
    readonly kringId: string,
    readonly from: string,
    readonly to: string,
  ) {}
}

@CommandHandler(CreateRoster)
export class CreateRosterHandler implements ICommandHandler<CreateRoster, Roster> {
  constructor(private readonly db: DataSource) {}

  execute({ kringId, from, to }: CreateRoster): Promise<Roster> {
    return this.db.transaction(async (tx) => {
      const kring = await tx.findOne(Kring, { where: { id: kringId }, lock: { mode: 'pessimistic_write' } });
      if (!kring) throw new NotFoundException('Kring niet gevonden');
      const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;
      if (days < 0) throw new InvalidInput([{ field: 'to', reason: 'einde ligt voor het begin' }]);
      if (days > 400) throw new InvalidInput([{ field: 'to', reason: 'hoogstens een jaar per rol' }]);
      const [overlap] = await tx.query(
        `SELECT id FROM roster WHERE kring_id = $1 AND period_start <= $3 AND period_end >= $2`,
        [kringId, from, to],
      );
      if (overlap) throw new InvalidInput([{ field: 'from', reason: `overlapt met rol ${overlap.id}` }]);
      const templates = await tx.findBy(DutyTemplate, { kringId, active: true });
      const holidays = holidaysBetween(
        DateTime.fromISO(from).minus({ days: 2 }).toISODate()!,
        DateTime.fromISO(to).plus({ days: 2 }).toISODate()!,
        kring.settings.communityHolidays,
      );
      const roster = Object.assign(new Roster(), {
        id: randomUUID(),
        kringId,
        periodStart: from,
        periodEnd: to,
        status: 'draft',
      });
      await tx.save(roster);
      const shifts = generateShifts({ from, to, templates, holidays }).map((g) =>
        shiftRow(g, roster.id, kringId),
      );
      for (let i = 0; i < shifts.length; i += 500) await tx.insert(Shift, shifts.slice(i, i + 500));
      return roster;
    });
  }
}

/** A planner's edit: put a GP on a seat (optionally in place of an assignment), lock or unlock. */
export class ChangeAssignment {
  constructor(
    readonly rosterId: string,
    readonly change: {
      shiftId: string;
      role: DutyRole;
      gpId: string;
      locked: boolean;
      replacesAssignmentId?: string;
    },
  ) {}
}

@CommandHandler(ChangeAssignment)
export class ChangeAssignmentHandler implements ICommandHandler<ChangeAssignment, Assignment> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  execute({ rosterId, change }: ChangeAssignment): Promise<Assignment> {
    return this.db.transaction(async (tx) => {
      const roster = await lockRoster(tx, rosterId);
      const current = await tx.findBy(Assignment, { rosterId });
      let removed: Assignment[] = [];
      if (change.replacesAssignmentId) {
        removed = current.filter((a) => a.id === change.replacesAssignmentId);
        if (!removed.length)
          throw new InvalidInput([
            { field: 'replacesAssignmentId', reason: 'onbekende toewijzing in deze rol' },
          ]);
      }
      const added = newAssignment(
        rosterId,
        { shiftId: change.shiftId, role: change.role, gpId: change.gpId },
        change.locked,
      );
      const before = current.map(toKring);
      const after = [...current.filter((a) => !removed.includes(a)).map(toKring), toKring(added)];
      const problem = await loadProblem(tx, roster);
      const errors = decideAssignments(problem, before, after, {
        published: roster.status === 'published',
        field: 'gpId',
      });
      if (errors.length) throw new InvalidInput(errors);
      await applyChange(tx, this.outbox, roster, removed, [added]);
      return added;
    });
  }
}

export class RemoveAssignment {
  constructor(
    readonly rosterId: string,
    readonly assignmentId: string,
  ) {}
}

@CommandHandler(RemoveAssignment)
export class RemoveAssignmentHandler implements ICommandHandler<RemoveAssignment, void> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  execute({ rosterId, assignmentId }: RemoveAssignment): Promise<void> {
    return this.db.transaction(async (tx) => {
      const roster = await lockRoster(tx, rosterId);
      if (roster.status === 'published')
        throw new ConflictException('Gepubliceerde rol: vervang de toewijzing in plaats van ze te schrappen');
      const found = await tx.findOneBy(Assignment, { id: assignmentId, rosterId });
      if (!found) throw new NotFoundException('Toewijzing niet gevonden');
      await applyChange(tx, this.outbox, roster, [found], []);
    });
  }
}

/** Publishing: every hard rule holds and every seat is filled; one DutyAssigned per assignment. */
export class PublishRoster {
  constructor(readonly rosterId: string) {}
}

@CommandHandler(PublishRoster)
export class PublishRosterHandler implements ICommandHandler<PublishRoster, Roster> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ rosterId }: PublishRoster): Promise<Roster> {
    return this.db.transaction(async (tx) => {
      const roster = await lockRoster(tx, rosterId);
      if (roster.status === 'published') throw new ConflictException('Rol is al gepubliceerd');
      const [running] = await tx.query(`SELECT id FROM solve_run WHERE roster_id = $1 AND status = ANY($2)`, [
        rosterId,
        ACTIVE_PHASES,
      ]);
      if (running) throw new ConflictException('De solver loopt nog voor deze rol');
      const assignments = await tx.findBy(Assignment, { rosterId });
      const problem = await loadProblem(tx, roster);
      const violations = checkKringAssignments(problem, assignments.map(toKring));
      if (violations.length)
        throw new InvalidInput(
          violations.slice(0, 50).map((v) => ({ field: 'assignments', reason: `${v.rule}: ${v.message}` })),
        );
      roster.status = 'published';
      roster.publishedAt = this.clock.now().toJSDate();
      await tx.save(roster);
      const shifts = new Map((await tx.findBy(Shift, { rosterId })).map((s) => [s.id, s]));
      for (const a of assignments) await publishAssigned(tx, this.outbox, roster, a, shifts.get(a.shiftId)!);
      await this.outbox.publish(tx, RosterPublished, {
        rosterId,
        kringId: roster.kringId,
        periodStart: roster.periodStart,
        periodEnd: roster.periodEnd,
      });
      return roster;
    });
  }
}

export const localIso = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toISO()!;
