import { ServiceDatabase } from '@permanentie/persistence';
import { CaseHistory, CaseRecord } from './cases/case.entity';
import { ProtocolVersion } from './protocols/protocol-version.entity';
import { ContactReport } from './reports/contact-report.entity';
import { WachtpostSettings } from './settings/wachtpost-settings.entity';
import { ZoneView } from './zones/zone.entity';
import { TRIAGE_MIGRATIONS } from './migrations';

export const TRIAGE_DATABASE: ServiceDatabase = {
  schema: 'triage',
  entities: [CaseRecord, CaseHistory, ProtocolVersion, WachtpostSettings, ZoneView, ContactReport],
  migrations: TRIAGE_MIGRATIONS,
};
