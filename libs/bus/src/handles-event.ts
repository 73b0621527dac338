import { SetMetadata } from '@nestjs/common';
import { EventDefinition } from '@permanentie/contracts';

export const HANDLES_EVENT = 'permanentie:handles-event';

/**
 * Marks a provider method as the consumer of an integration event. The method gets
 * (event: BusEvent<P>, tx: EntityManager) and must do all its writes through tx: the inbox row
 * that makes redelivery harmless is written in that same transaction.
 */
export const HandlesEvent = <P>(def: EventDefinition<P>) => SetMetadata(HANDLES_EVENT, def);
