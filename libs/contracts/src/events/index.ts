export * from './triage.events';
export * from './dispatch.events';
export * from './roster.events';

import * as triage from './triage.events';
import * as dispatch from './dispatch.events';
import * as roster from './roster.events';
import { EventDefinition } from '../event';

/** Every event on the bus, for boot-time routing checks. */
export const ALL_EVENTS: EventDefinition<unknown>[] = [
  ...Object.values(triage),
  ...Object.values(dispatch),
  ...Object.values(roster),
] as EventDefinition<unknown>[];
