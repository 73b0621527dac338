import { DateTime } from 'luxon';
import { ZONE } from '@permanentie/domain';
import { SAMPLE_PROTOCOL } from '../protocols/sample-protocol';
import { buildReport, ReportInput, reportLanguage } from './report.builder';

const at = (s: string) => DateTime.fromISO(s, { zone: ZONE }).toJSDate();

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  caseId: 'case-1',
  wachtpostId: 'wp',
  channel: '1733',
  receivedAt: at('2026-11-25T21:00:00'),
  closedAt: at('2026-11-25T22:30:00'),
  patient: {
    name: 'Jan Peeters',
    birthDate: '1985-04-12',
    insz: '85041201753',
    postcode: '3000',
    city: 'Leuven',
  },
  ownGp: { riziv: '11234567003', name: 'Dr. An Claes' },
  complaintCode: 'abdominal_pain',
  answers: { collapse_or_vomiting_blood: 'no', severe_constant: 'no', pregnant_possible: 'no', fever: 'yes' },
  proposed: { urgency: 'U3', disposition: 'consultation' },
  urgency: 'U3',
  disposition: 'consultation',
  overrideReason: null,
  escalationReason: null,
  closingNote: 'Appendicitis uitgesloten, verwezen voor echo.',
  assignedGpId: 'gp-1',
  ruleIndex: 3,
  history: [
    { at: at('2026-11-25T21:00:00'), kind: 'received', data: {} },
    { at: at('2026-11-25T21:04:00'), kind: 'triaged', data: {} },
    { at: at('2026-11-25T21:10:00'), kind: 'accepted', data: {} },
    { at: at('2026-11-25T22:30:00'), kind: 'closed', data: {} },
  ],
  ...over,
});

describe('contact report', () => {
  it('says what was asked, found, done and advised, for the own GP, in Dutch', () => {
    const { subject, body } = buildReport(input(), SAMPLE_PROTOCOL, 'nl');
    expect(subject).toBe('Verslag wachtdienst 25/11/2026 21:00 - Jan Peeters');
    for (const line of [
      'Aan: Dr. An Claes, RIZIV/INAMI 11234567003',
      'Patiënt: Jan Peeters, geboren 1985-04-12, INSZ 85041201753, 3000 Leuven',
      'Oproep: 25/11/2026 21:00 via 1733',
      'Klacht: Buikpijn',
      '  - Koorts? ja',
      '  - Mogelijk zwanger? nee',
      'Triage: U3 reëel risico op schade',
      '  25/11/2026 21:10  aanvaard door arts van wacht',
      'Afloop: consultatie op de wachtpost (25/11/2026 22:30)',
      'Gegeven advies: Kom op consultatie naar de wachtpost. Breng identiteitskaart en medicatielijst mee.',
      'Nota: Appendicitis uitgesloten, verwezen voor echo.',
      'Arts van wacht: gp-1',
    ])
      expect(body).toContain(line);
  });

  it('shows an override with its reason and the protocol’s proposal', () => {
    const { body } = buildReport(
      input({ urgency: 'U2', disposition: 'home_visit_priority', overrideReason: 'bedlegerig' }),
      SAMPLE_PROTOCOL,
      'en',
    );
    expect(body).toContain(
      'Triage: U2 threat to vital functions (protocol proposal: U3 real risk of harm, consultation at the post)',
    );
    expect(body).toContain('Changed by the dispatcher, reason: bedlegerig');
    expect(body).toContain('Outcome: home visit, priority');
  });

  it('is written in French for French speakers and in Dutch for other languages', () => {
    expect(buildReport(input(), SAMPLE_PROTOCOL, 'fr').body).toContain('Plainte: Douleur abdominale');
    expect(reportLanguage('fr')).toBe('fr');
    expect(reportLanguage('de')).toBe('nl');
  });

  it('still reports when the own GP is unknown and the protocol version is gone', () => {
    const { body } = buildReport(
      input({ ownGp: { riziv: null, name: null }, complaintCode: 'x' }),
      null,
      'nl',
    );
    expect(body).toContain('Aan: eigen huisarts (onbekend)');
    expect(body).toContain('Klacht: x');
  });
});
