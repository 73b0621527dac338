import { ConflictException, ForbiddenException, Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Outbox } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';
import { InvalidInput } from '@permanentie/platform';
import { Kring } from '../kringen/kring.entity';
import { decideAssignments } from '../rosters/assignment.rules';
import { Assignment, Roster } from '../rosters/roster.entity';
import { applyChange, loadProblem, lockRoster, newAssignment, toKring } from '../rosters/roster.store';
import { Swap } from './swap.entity';
import { decideSwap, SwapAction } from './swap.rules';

/** A GP offers one of her published assignments. */
export class OfferShift {
  constructor(
    readonly gpId: string,
    readonly assignmentId: string,
  ) {}
}

/** A step on an existing swap: take, accept, withdraw (GPs), approve, reject (planner). */
export class StepSwap {
  constructor(
    readonly swapId: string,
    readonly action: SwapAction,
    readonly kringScope: string | null,
  ) {}
}

@CommandHandler(OfferShift)
export class OfferShiftHandler implements ICommandHandler<OfferShift, Swap> {
  constructor(
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ gpId, assignmentId }: OfferShift): Promise<Swap> {
    return this.db.transaction(async (tx) => {
      const a = await tx.findOneBy(Assignment, { id: assignmentId });
      if (!a || a.gpId !== gpId)
        throw new InvalidInput([{ field: 'assignmentId', reason: 'niet uw toewijzing' }]);
      const roster = await lockRoster(tx, a.rosterId);
      if (roster.status !== 'published') throw new ConflictException('Alleen gepubliceerde wachten ruilen');
      const open = await tx.findOneBy(Swap, { assignmentId, status: 'open' });
      if (open) return open;
      const swap = Object.assign(new Swap(), {
        id: randomUUID(),
        kringId: roster.kringId,
        rosterId: roster.id,
        assignmentId,
        offeredBy: gpId,
        takenBy: null,
        counterAssignmentId: null,
        status: 'open',
        createdAt: this.clock.now().toJSDate(),
        decidedAt: null,
      });
      await tx.insert(Swap, swap);
      return swap;
    });
  }
}

@CommandHandler(StepSwap)
export class StepSwapHandler implements ICommandHandler<StepSwap, Swap> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ swapId, action, kringScope }: StepSwap): Promise<Swap> {
    return this.db.transaction(async (tx) => {
      const found = await tx.findOneBy(Swap, { id: swapId });
      if (!found) throw new NotFoundException('Ruil niet gevonden');
      if (kringScope && found.kringId !== kringScope) throw new ForbiddenException('Buiten uw kring');
      const roster = await lockRoster(tx, found.rosterId);
      const swap = await tx.findOneByOrFail(Swap, { id: swapId });
      const kring = await tx.findOneByOrFail(Kring, { id: swap.kringId });
      const decision = decideSwap(swap, action, kring.settings.swapNeedsApproval);
      if (!decision.ok) throw new ConflictException(decision.reason);
      if (action.kind === 'take') {
        swap.takenBy = action.gpId;
        swap.counterAssignmentId = action.counterAssignmentId;
      }
      // The hard rules are checked when a colleague steps in and again when the change is applied.
      const change = await this.change(tx, roster, swap);
      if (decision.apply) await applyChange(tx, this.outbox, roster, change.remove, change.add);
      swap.status = decision.status;
      if (['done', 'rejected', 'withdrawn'].includes(decision.status))
        swap.decidedAt = this.clock.now().toJSDate();
      await tx.save(swap);
      return swap;
    });
  }

  private async change(tx: EntityManager, roster: Roster, swap: Swap) {
    if (!swap.takenBy) return { remove: [], add: [] };
    const current = await tx.findBy(Assignment, { rosterId: roster.id });
    const offered = current.find((a) => a.id === swap.assignmentId && a.gpId === swap.offeredBy);
    if (!offered) throw new ConflictException('De aangeboden wacht is intussen gewijzigd');
    const remove = [offered];
    const add = [newAssignment(roster.id, { ...toKring(offered), gpId: swap.takenBy }, offered.locked)];
    if (swap.counterAssignmentId) {
      const counter = current.find((a) => a.id === swap.counterAssignmentId && a.gpId === swap.takenBy);
      if (!counter)
        throw new InvalidInput([{ field: 'counterAssignmentId', reason: 'niet uw toewijzing in deze rol' }]);
      remove.push(counter);
      add.push(newAssignment(roster.id, { ...toKring(counter), gpId: swap.offeredBy }, counter.locked));
    }
    const after = [...current.filter((a) => !remove.includes(a)), ...add].map(toKring);
    const errors = decideAssignments(await loadProblem(tx, roster), current.map(toKring), after, {
      published: true,
      field: 'gpId',
    });
    if (errors.length) throw new InvalidInput(errors);
    return { remove, add };
  }
}
