import { DateTime } from 'luxon';
import { Channel, Disposition, Urgency } from '@permanentie/contracts';
import { ZONE } from '@permanentie/domain';
import { ProtocolDefinition } from '../protocols/protocol.model';

export type ReportLanguage = 'nl' | 'fr' | 'en';

/** What the report is made of: the case (with patient data) and its history. */
export interface ReportInput {
  caseId: string;
  wachtpostId: string;
  channel: Channel;
  receivedAt: Date;
  closedAt: Date;
  patient: { name: string; birthDate: string; insz: string | null; postcode: string; city: string | null };
  ownGp: { riziv: string | null; name: string | null };
  complaintCode: string | null;
  answers: Record<string, string> | null;
  proposed: { urgency: Urgency | null; disposition: Disposition | null };
  urgency: Urgency | null;
  disposition: Disposition;
  overrideReason: string | null;
  escalationReason: string | null;
  closingNote: string | null;
  assignedGpId: string | null;
  ruleIndex: number | null;
  history: { at: Date; kind: string; data: Record<string, unknown> }[];
}

const T = {
  nl: {
    subject: 'Verslag wachtdienst',
    title: 'Verslag van een contact met de huisartsenwachtpost',
    to: 'Aan',
    unknownGp: 'eigen huisarts (onbekend)',
    patient: 'Patiënt',
    born: 'geboren',
    insz: 'INSZ',
    call: 'Oproep',
    via: 'via',
    complaint: 'Klacht',
    asked: 'Gevraagd en geantwoord',
    triage: 'Triage',
    protocolSaid: 'voorstel protocol',
    override: 'Aangepast door de dispatcher, reden',
    done: 'Verloop',
    outcome: 'Afloop',
    advice: 'Gegeven advies',
    note: 'Nota',
    gp: 'Arts van wacht',
    none: 'geen',
    escalation: 'Reden 112',
    footer: 'Dit verslag wordt bezorgd vóór 08:00 de volgende werkdag. Vragen: contacteer de wachtpost.',
  },
  fr: {
    subject: 'Rapport de garde',
    title: 'Rapport d’un contact avec le poste de garde de médecine générale',
    to: 'À',
    unknownGp: 'médecin traitant (inconnu)',
    patient: 'Patient',
    born: 'né(e) le',
    insz: 'NISS',
    call: 'Appel',
    via: 'via',
    complaint: 'Plainte',
    asked: 'Questions et réponses',
    triage: 'Triage',
    protocolSaid: 'proposition du protocole',
    override: 'Modifié par le dispatcher, raison',
    done: 'Déroulement',
    outcome: 'Issue',
    advice: 'Conseil donné',
    note: 'Note',
    gp: 'Médecin de garde',
    none: 'aucun',
    escalation: 'Raison 112',
    footer:
      'Ce rapport est remis avant 08:00 le prochain jour ouvrable. Questions: contactez le poste de garde.',
  },
  en: {
    subject: 'Out-of-hours report',
    title: 'Report of a contact with the GP out-of-hours post',
    to: 'To',
    unknownGp: 'own GP (unknown)',
    patient: 'Patient',
    born: 'born',
    insz: 'INSZ',
    call: 'Call',
    via: 'via',
    complaint: 'Complaint',
    asked: 'Asked and answered',
    triage: 'Triage',
    protocolSaid: 'protocol proposal',
    override: 'Changed by the dispatcher, reason',
    done: 'Course',
    outcome: 'Outcome',
    advice: 'Advice given',
    note: 'Note',
    gp: 'GP on duty',
    none: 'none',
    escalation: 'Reason for 112',
    footer: 'This report is delivered before 08:00 on the next working day. Questions: contact the post.',
  },
};

const DISPOSITION_LABELS: Record<Disposition, Record<ReportLanguage, string>> = {
  phone_advice: { nl: 'telefonisch advies', fr: 'conseil téléphonique', en: 'phone advice' },
  consultation: {
    nl: 'consultatie op de wachtpost',
    fr: 'consultation au poste de garde',
    en: 'consultation at the post',
  },
  home_visit_planned: {
    nl: 'huisbezoek, gepland',
    fr: 'visite à domicile planifiée',
    en: 'home visit, planned',
  },
  home_visit_priority: {
    nl: 'huisbezoek met voorrang',
    fr: 'visite à domicile prioritaire',
    en: 'home visit, priority',
  },
  referral_own_gp: {
    nl: 'verwezen naar de eigen huisarts',
    fr: 'renvoyé au médecin traitant',
    en: 'referred to own GP',
  },
  referral_emergency_department: {
    nl: 'verwezen naar de spoedafdeling',
    fr: 'renvoyé aux urgences',
    en: 'referred to the emergency department',
  },
  handed_to_112: { nl: 'overgedragen aan 112', fr: 'transféré au 112', en: 'handed to 112' },
};

const URGENCY_LABELS: Record<Urgency, Record<ReportLanguage, string>> = {
  U1: { nl: 'U1 levensbedreigend', fr: 'U1 danger de mort', en: 'U1 danger to life' },
  U2: {
    nl: 'U2 bedreiging vitale functies',
    fr: 'U2 menace des fonctions vitales',
    en: 'U2 threat to vital functions',
  },
  U3: { nl: 'U3 reëel risico op schade', fr: 'U3 risque réel', en: 'U3 real risk of harm' },
  U4: { nl: 'U4 laag risico', fr: 'U4 risque faible', en: 'U4 low risk' },
  U5: { nl: 'U5 geen risico', fr: 'U5 pas de risque', en: 'U5 no risk' },
};

const CHANNEL_LABELS: Record<Channel, Record<ReportLanguage, string>> = {
  '1733': { nl: '1733', fr: '1733', en: '1733' },
  wachtpost_phone: { nl: 'telefoon wachtpost', fr: 'téléphone du poste', en: 'post telephone' },
  noodpunt_walk_in: { nl: 'binnenloper noodpunt', fr: 'passage au point d’urgence', en: 'noodpunt walk-in' },
  practice_overflow: { nl: 'overloop praktijk', fr: 'débordement du cabinet', en: 'practice overflow' },
  dagwacht_referral: { nl: 'doorverwijzing dagwacht', fr: 'renvoi garde de jour', en: 'dagwacht referral' },
};

const HISTORY_LABELS: Record<string, Record<ReportLanguage, string>> = {
  received: { nl: 'oproep ontvangen', fr: 'appel reçu', en: 'call received' },
  triaged: { nl: 'getrieerd', fr: 'trié', en: 'triaged' },
  overridden: { nl: 'triage aangepast', fr: 'triage modifié', en: 'triage changed' },
  escalated_112: { nl: 'overgedragen aan 112', fr: 'transféré au 112', en: 'handed to 112' },
  offered: {
    nl: 'aangeboden aan arts van wacht',
    fr: 'proposé au médecin de garde',
    en: 'offered to GP on duty',
  },
  accepted: {
    nl: 'aanvaard door arts van wacht',
    fr: 'accepté par le médecin de garde',
    en: 'accepted by GP on duty',
  },
  started: {
    nl: 'arts onderweg / consultatie gestart',
    fr: 'médecin en route / consultation',
    en: 'GP en route / consultation started',
  },
  sla_breached: { nl: 'streeftijd overschreden', fr: 'délai cible dépassé', en: 'time target exceeded' },
  closed: { nl: 'afgesloten', fr: 'clôturé', en: 'closed' },
};

export function reportLanguage(language: string): ReportLanguage {
  return language === 'fr' ? 'fr' : language === 'en' ? 'en' : 'nl';
}

const fmt = (d: Date) => DateTime.fromJSDate(d).setZone(ZONE).toFormat('dd/MM/yyyy HH:mm');

/** The contact report for the patient's own GP: what was asked, found, done and advised. */
export function buildReport(
  input: ReportInput,
  protocol: ProtocolDefinition | null,
  lang: ReportLanguage,
): { subject: string; body: string } {
  const t = T[lang];
  const complaint = protocol?.complaints.find((c) => c.code === input.complaintCode);
  const lines: string[] = [];
  lines.push(t.title, '');
  const gp = [input.ownGp.name, input.ownGp.riziv ? `RIZIV/INAMI ${input.ownGp.riziv}` : null]
    .filter(Boolean)
    .join(', ');
  lines.push(`${t.to}: ${gp || t.unknownGp}`);
  lines.push(
    `${t.patient}: ${input.patient.name}, ${t.born} ${input.patient.birthDate}` +
      (input.patient.insz ? `, ${t.insz} ${input.patient.insz}` : '') +
      `, ${input.patient.postcode}${input.patient.city ? ` ${input.patient.city}` : ''}`,
  );
  lines.push(`${t.call}: ${fmt(input.receivedAt)} ${t.via} ${CHANNEL_LABELS[input.channel][lang]}`);
  lines.push('');
  lines.push(`${t.complaint}: ${complaint ? complaint.label[lang] : (input.complaintCode ?? t.none)}`);
  if (complaint && input.answers) {
    lines.push(`${t.asked}:`);
    for (const q of complaint.questions) {
      const answer = q.options.find((o) => o.code === input.answers?.[q.id]);
      lines.push(`  - ${q.text[lang]} ${answer ? answer.label[lang] : '-'}`);
    }
  }
  if (input.urgency) {
    const proposed =
      input.proposed.urgency && input.proposed.disposition
        ? ` (${t.protocolSaid}: ${URGENCY_LABELS[input.proposed.urgency][lang]}, ${DISPOSITION_LABELS[input.proposed.disposition][lang]})`
        : '';
    lines.push(`${t.triage}: ${URGENCY_LABELS[input.urgency][lang]}${input.overrideReason ? proposed : ''}`);
  }
  if (input.overrideReason) lines.push(`${t.override}: ${input.overrideReason}`);
  if (input.escalationReason) lines.push(`${t.escalation}: ${input.escalationReason}`);
  lines.push('');
  lines.push(`${t.done}:`);
  for (const h of input.history) {
    const label = HISTORY_LABELS[h.kind]?.[lang] ?? h.kind;
    lines.push(`  ${fmt(h.at)}  ${label}`);
  }
  lines.push('');
  lines.push(`${t.outcome}: ${DISPOSITION_LABELS[input.disposition][lang]} (${fmt(input.closedAt)})`);
  const rule = complaint
    ? input.ruleIndex !== null
      ? complaint.rules[input.ruleIndex]
      : complaint.otherwise
    : undefined;
  if (rule && !input.overrideReason) lines.push(`${t.advice}: ${rule.advice[lang]}`);
  if (input.closingNote) lines.push(`${t.note}: ${input.closingNote}`);
  if (input.assignedGpId) lines.push(`${t.gp}: ${input.assignedGpId}`);
  lines.push('', t.footer, `Ref. ${input.caseId}`);
  return { subject: `${t.subject} ${fmt(input.receivedAt)} - ${input.patient.name}`, body: lines.join('\n') };
}
