import { ServiceDatabase } from '@permanentie/persistence';
import { ROSTER_DATABASE } from '../../apps/roster/src/roster.database';
import { TRIAGE_DATABASE } from '../../apps/triage/src/triage.database';
import { DISPATCH_DATABASE } from '../../apps/dispatch/src/dispatch.database';
import { GATEWAY_DATABASE } from '../../apps/gateway/src/gateway.database';

/** Every service's schema, migrated into the test template. */
export const ALL_DATABASES: ServiceDatabase[] = [
  ROSTER_DATABASE,
  TRIAGE_DATABASE,
  DISPATCH_DATABASE,
  GATEWAY_DATABASE,
];
