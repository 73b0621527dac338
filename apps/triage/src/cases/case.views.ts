import { DateTime } from 'luxon';
import { ZONE } from '@permanentie/domain';
import { CaseRecord } from './case.entity';

export const iso = (d: Date | null): string | null =>
  d ? DateTime.fromMillis(d.getTime(), { zone: ZONE }).toISO({ suppressMilliseconds: true }) : null;

/** What commands and the queue return: ids, codes and times, no patient data (no access log needed). */
export function caseSummary(c: CaseRecord) {
  return {
    id: c.id,
    wachtpostId: c.wachtpostId,
    version: c.version,
    status: c.status,
    channel: c.channel,
    receivedAt: iso(c.receivedAt),
    postcode: c.postcode,
    zoneId: c.zoneId,
    language: c.language,
    protocolVersionId: c.protocolVersionId,
    complaintCode: c.complaintCode,
    proposedUrgency: c.proposedUrgency,
    proposedDisposition: c.proposedDisposition,
    urgency: c.urgency,
    disposition: c.disposition,
    overridden: c.overrideReason !== null,
    revision: c.revision,
    dueAt: iso(c.dueAt),
    offeredGpId: c.offeredGpId,
    assignedGpId: c.assignedGpId,
    slaBreachedAt: iso(c.slaBreachedAt),
    escalatedAt: iso(c.escalatedAt),
    closedAt: iso(c.closedAt),
    cancelledAt: iso(c.cancelledAt),
    cancelReasonCode: c.cancelReasonCode,
  };
}
export type CaseSummary = ReturnType<typeof caseSummary>;

/** The full case with patient data: only through CasesReader, which writes the access log. */
export function caseDetails(c: CaseRecord) {
  return {
    ...caseSummary(c),
    caller: { name: c.callerName, phone: c.callerPhone, relation: c.callerRelation },
    patient: {
      name: c.patientName,
      birthDate: c.patientBirthDate,
      insz: c.patientInsz,
      phone: c.patientPhone,
      address: { street: c.patientStreet, postcode: c.postcode, city: c.patientCity },
      language: c.language,
    },
    ownGp: { riziv: c.ownGpRiziv, name: c.ownGpName },
    answers: c.answers,
    ruleIndex: c.ruleIndex,
    overrideReason: c.overrideReason,
    overriddenBy: c.overriddenBy,
    escalationReason: c.escalationReason,
    closingNote: c.closingNote,
    cancelReason: c.cancelReason,
  };
}
