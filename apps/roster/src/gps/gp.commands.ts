import { NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { GpChanged, Language } from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { InvalidInput } from '@permanentie/platform';
import { Gp } from './gp.entity';
import { GpInput, gpInputErrors } from './gp.rules';

export const newCalendarToken = () => randomBytes(24).toString('base64url');

/** Creates (gpId null) or changes a GP; every change is a GpChanged on the bus (no name in it). */
export class SaveGp {
  constructor(
    readonly kringId: string,
    readonly gpId: string | null,
    readonly input: GpInput,
  ) {}
}

export class SetGpActive {
  constructor(
    readonly gpId: string,
    readonly active: boolean,
  ) {}
}

async function publishGp(outbox: Outbox, tx: EntityManager, gp: Gp): Promise<void> {
  await outbox.publish(tx, GpChanged, {
    gpId: gp.id,
    kringId: gp.kringId,
    languages: gp.languages as Language[],
    practicePostcode: gp.practicePostcode,
    capabilities: gp.capabilities,
    active: gp.active,
  });
}

@CommandHandler(SaveGp)
export class SaveGpHandler implements ICommandHandler<SaveGp, Gp> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  execute({ kringId, gpId, input }: SaveGp): Promise<Gp> {
    return this.db.transaction(async (tx) => {
      const errors = gpInputErrors(input);
      if (errors.length) throw new InvalidInput(errors);
      let gp: Gp;
      if (gpId) {
        const found = await tx.findOne(Gp, { where: { id: gpId }, lock: { mode: 'pessimistic_write' } });
        if (!found || found.kringId !== kringId) throw new NotFoundException('Huisarts niet gevonden');
        gp = found;
      } else {
        gp = Object.assign(new Gp(), {
          id: randomUUID(),
          kringId,
          active: true,
          calendarToken: newCalendarToken(),
        });
      }
      const taken = await tx.findOneBy(Gp, { riziv: input.riziv });
      if (taken && taken.id !== gp.id)
        throw new InvalidInput([{ field: 'riziv', reason: 'RIZIV-nummer al in gebruik' }]);
      Object.assign(gp, { ...input, exemptions: input.exemptions ?? [] });
      await tx.save(gp);
      await publishGp(this.outbox, tx, gp);
      const { calendarToken: _hidden, ...visible } = gp;
      return visible as Gp;
    });
  }
}

@CommandHandler(SetGpActive)
export class SetGpActiveHandler implements ICommandHandler<SetGpActive, Gp> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  execute({ gpId, active }: SetGpActive): Promise<Gp> {
    return this.db.transaction(async (tx) => {
      const gp = await tx.findOne(Gp, { where: { id: gpId }, lock: { mode: 'pessimistic_write' } });
      if (!gp) throw new NotFoundException('Huisarts niet gevonden');
      gp.active = active;
      await tx.update(Gp, gp.id, { active });
      await publishGp(this.outbox, tx, gp);
      return gp;
    });
  }
}
