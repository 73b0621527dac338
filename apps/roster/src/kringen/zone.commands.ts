import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ZoneChanged } from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { InvalidInput } from '@permanentie/platform';
import { Wachtpost } from './kring.entity';
import { decideZone, ZoneInput } from './kring.rules';
import { Zone } from './zone.entity';

/** Creates or changes a zone; every change is a ZoneChanged on the bus. */
export class SaveZone {
  constructor(
    readonly kringId: string,
    readonly zoneId: string,
    readonly input: ZoneInput,
  ) {}
}

@CommandHandler(SaveZone)
export class SaveZoneHandler implements ICommandHandler<SaveZone, Zone> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  execute({ kringId, zoneId, input }: SaveZone): Promise<Zone> {
    return this.db.transaction(async (tx) => {
      // One zone change at a time per kring: postcodes must stay unique across its zones.
      await tx.query('SELECT id FROM kring WHERE id = $1 FOR UPDATE', [kringId]);
      const existing = await tx.findOneBy(Zone, { id: zoneId });
      if (existing && existing.kringId !== kringId)
        throw new InvalidInput([{ field: 'zoneId', reason: 'zone hoort bij een andere kring' }]);
      const wachtpost = await tx.findOneBy(Wachtpost, { id: input.wachtpostId });
      const otherZones = await tx.findBy(Zone, { kringId });
      const { zone, errors } = decideZone({ kringId, zoneId, input, wachtpost, otherZones });
      if (errors.length) throw new InvalidInput(errors);
      await tx.save(zone);
      await this.outbox.publish(tx, ZoneChanged, {
        zoneId: zone.id,
        kringId,
        wachtpostId: zone.wachtpostId,
        postcodes: zone.postcodes,
        overflowZoneIds: zone.overflowZoneIds,
        active: zone.active,
      });
      return zone;
    });
  }
}
