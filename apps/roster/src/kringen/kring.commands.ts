import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { KringCalendarChanged } from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { Kring } from './kring.entity';

/** Saves a kring (new, or with changed settings) and tells triage which community holidays it observes. */
export class SaveKring {
  constructor(readonly kring: Kring) {}
}

@CommandHandler(SaveKring)
export class SaveKringHandler implements ICommandHandler<SaveKring, Kring> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  execute({ kring }: SaveKring): Promise<Kring> {
    return this.db.transaction(async (tx) => {
      const saved = await tx.save(kring);
      await this.outbox.publish(tx, KringCalendarChanged, {
        kringId: saved.id,
        communityHolidays: saved.settings.communityHolidays,
      });
      return saved;
    });
  }
}
