/** Codes shared by every service. Codes, not text: screens translate them. */
export const URGENCIES = ['U1', 'U2', 'U3', 'U4', 'U5'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CHANNELS = [
  '1733',
  'wachtpost_phone',
  'noodpunt_walk_in',
  'practice_overflow',
  'dagwacht_referral',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const DISPOSITIONS = [
  'phone_advice',
  'consultation',
  'home_visit_planned',
  'home_visit_priority',
  'referral_own_gp',
  'referral_emergency_department',
  'handed_to_112',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const DUTY_KINDS = ['dagwacht', 'wachtpost', 'weekwacht', 'noodpunt', 'overflow'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

export const DUTY_ROLES = ['first', 'backup', 'supervisor'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];

/** Community holidays a kring observes besides the ten legal ones (11 July, 27 September, 15 November). */
export const COMMUNITY_HOLIDAYS = ['flemish', 'french', 'german'] as const;
export type CommunityHoliday = (typeof COMMUNITY_HOLIDAYS)[number];

export const LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = ['dispatcher', 'gp', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, relative to the patient. */
export const CALLER_RELATIONS = ['self', 'family', 'carer', 'professional', 'other'] as const;
export type CallerRelation = (typeof CALLER_RELATIONS)[number];

/** Why a dispatcher cancels a case before it is done. */
export const CANCEL_REASONS = [
  'caller_cancelled',
  'duplicate',
  'wrong_number',
  'patient_went_elsewhere',
  'patient_deceased',
  'other',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Why a GP declines an offer. */
export const DECLINE_REASONS = [
  'busy_with_patient',
  'too_far',
  'not_on_duty',
  'unwell',
  'language',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
