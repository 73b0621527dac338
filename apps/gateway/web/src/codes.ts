/** The shared codes, straight from libs/contracts (codes.ts has no imports, so it runs in the browser). */
export {
  CALLER_RELATIONS,
  CANCEL_REASONS,
  CHANNELS,
  DECLINE_REASONS,
  DISPOSITIONS,
  DUTY_KINDS,
  DUTY_ROLES,
  LANGUAGES,
  URGENCIES,
} from '../../../../libs/contracts/src/codes.js';
export type {
  Channel,
  DeclineReason,
  Disposition,
  DutyKind,
  DutyRole,
  Language,
  Urgency,
} from '../../../../libs/contracts/src/codes.js';
