import { Disposition, DISPOSITIONS, Urgency, URGENCIES } from '@permanentie/contracts';

/**
 * A triage protocol is data: complaints -> questions (with options) -> rules giving an urgency
 * and a disposition. Rules are tried in order; the first whose conditions all hold wins, else
 * the complaint's `otherwise` outcome applies. A condition names a question and the option codes
 * that satisfy it.
 */
export interface Labels {
  nl: string;
  fr: string;
  en: string;
}

export interface ProtocolOption {
  code: string;
  label: Labels;
}

export interface ProtocolQuestion {
  id: string;
  text: Labels;
  options: ProtocolOption[];
}

export interface ProtocolOutcome {
  urgency: Urgency;
  disposition: Disposition;
  /** What the dispatcher tells the caller; also goes into the contact report. */
  advice: Labels;
}

export interface ProtocolRule extends ProtocolOutcome {
  /** questionId -> option codes; every listed question must have one of its codes. */
  when: Record<string, string[]>;
}

export interface ProtocolComplaint {
  code: string;
  label: Labels;
  questions: ProtocolQuestion[];
  rules: ProtocolRule[];
  otherwise: ProtocolOutcome;
}

export interface ProtocolDefinition {
  code: string;
  title: Labels;
  complaints: ProtocolComplaint[];
}

export interface FieldError {
  field: string;
  reason: string;
}

/** Dispositions after which the case needs a GP (dispatch offers it). */
export const GP_DISPOSITIONS: readonly Disposition[] = [
  'consultation',
  'home_visit_planned',
  'home_visit_priority',
];

export function needsGp(disposition: Disposition): boolean {
  return GP_DISPOSITIONS.includes(disposition);
}

const CODE = /^[a-z0-9_]{1,64}$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkLabels(v: unknown, field: string, errors: FieldError[]): void {
  if (!isObject(v)) {
    errors.push({ field, reason: 'moet {nl, fr, en} zijn' });
    return;
  }
  for (const lang of ['nl', 'fr', 'en'] as const) {
    const text = v[lang];
    if (typeof text !== 'string' || text.trim() === '' || text.length > 2000)
      errors.push({ field: `${field}.${lang}`, reason: 'tekst verplicht (1-2000 tekens)' });
  }
}

function checkOutcome(v: Record<string, unknown>, field: string, errors: FieldError[]): void {
  if (!URGENCIES.includes(v.urgency as Urgency))
    errors.push({ field: `${field}.urgency`, reason: `moet een van ${URGENCIES.join(', ')} zijn` });
  if (!DISPOSITIONS.includes(v.disposition as Disposition))
    errors.push({ field: `${field}.disposition`, reason: `moet een van ${DISPOSITIONS.join(', ')} zijn` });
  if ((v.urgency === 'U1') !== (v.disposition === 'handed_to_112'))
    errors.push({
      field: `${field}.disposition`,
      reason: 'U1 gaat altijd naar 112 en alleen U1 gaat naar 112',
    });
  checkLabels(v.advice, `${field}.advice`, errors);
}

/** Checks a protocol loaded over HTTP. Returns every problem, each naming its field. */
export function validateProtocol(input: unknown, root = 'definition'): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(input)) return [{ field: root, reason: 'moet een object zijn' }];
  if (typeof input.code !== 'string' || !CODE.test(input.code))
    errors.push({ field: `${root}.code`, reason: 'code van kleine letters, cijfers en _' });
  checkLabels(input.title, `${root}.title`, errors);
  if (!Array.isArray(input.complaints) || input.complaints.length === 0) {
    errors.push({ field: `${root}.complaints`, reason: 'minstens een klacht' });
    return errors;
  }
  const complaintCodes = new Set<string>();
  input.complaints.forEach((c: unknown, ci: number) => {
    const cf = `${root}.complaints[${ci}]`;
    if (!isObject(c)) {
      errors.push({ field: cf, reason: 'moet een object zijn' });
      return;
    }
    if (typeof c.code !== 'string' || !CODE.test(c.code))
      errors.push({ field: `${cf}.code`, reason: 'code van kleine letters, cijfers en _' });
    else if (complaintCodes.has(c.code)) errors.push({ field: `${cf}.code`, reason: 'dubbele klachtcode' });
    else complaintCodes.add(c.code);
    checkLabels(c.label, `${cf}.label`, errors);
    const options = new Map<string, Set<string>>();
    if (!Array.isArray(c.questions)) errors.push({ field: `${cf}.questions`, reason: 'moet een lijst zijn' });
    else
      c.questions.forEach((q: unknown, qi: number) => {
        const qf = `${cf}.questions[${qi}]`;
        if (!isObject(q)) {
          errors.push({ field: qf, reason: 'moet een object zijn' });
          return;
        }
        if (typeof q.id !== 'string' || !CODE.test(q.id))
          errors.push({ field: `${qf}.id`, reason: 'id van kleine letters, cijfers en _' });
        else if (options.has(q.id)) errors.push({ field: `${qf}.id`, reason: 'dubbele vraag-id' });
        checkLabels(q.text, `${qf}.text`, errors);
        const codes = new Set<string>();
        if (!Array.isArray(q.options) || q.options.length < 2)
          errors.push({ field: `${qf}.options`, reason: 'minstens twee opties' });
        else
          q.options.forEach((o: unknown, oi: number) => {
            const of = `${qf}.options[${oi}]`;
            if (!isObject(o) || typeof o.code !== 'string' || !CODE.test(o.code)) {
              errors.push({ field: `${of}.code`, reason: 'code van kleine letters, cijfers en _' });
              return;
            }
            if (codes.has(o.code)) errors.push({ field: `${of}.code`, reason: 'dubbele optiecode' });
            codes.add(o.code);
            checkLabels(o.label, `${of}.label`, errors);
          });
        if (typeof q.id === 'string') options.set(q.id, codes);
      });
    if (!Array.isArray(c.rules)) errors.push({ field: `${cf}.rules`, reason: 'moet een lijst zijn' });
    else
      c.rules.forEach((r: unknown, ri: number) => {
        const rf = `${cf}.rules[${ri}]`;
        if (!isObject(r)) {
          errors.push({ field: rf, reason: 'moet een object zijn' });
          return;
        }
        checkOutcome(r, rf, errors);
        if (!isObject(r.when) || Object.keys(r.when).length === 0) {
          errors.push({ field: `${rf}.when`, reason: 'minstens een voorwaarde' });
          return;
        }
        for (const [qid, codes] of Object.entries(r.when)) {
          const known = options.get(qid);
          if (!known) errors.push({ field: `${rf}.when.${qid}`, reason: 'onbekende vraag' });
          else if (
            !Array.isArray(codes) ||
            codes.length === 0 ||
            codes.some((x) => typeof x !== 'string' || !known.has(x))
          )
            errors.push({
              field: `${rf}.when.${qid}`,
              reason: `opties van de vraag: ${[...known].join(', ')}`,
            });
        }
      });
    if (!isObject(c.otherwise))
      errors.push({ field: `${cf}.otherwise`, reason: 'standaarduitkomst verplicht' });
    else checkOutcome(c.otherwise, `${cf}.otherwise`, errors);
  });
  return errors;
}

export interface Evaluation {
  complaint: ProtocolComplaint;
  outcome: ProtocolOutcome;
  /** Index of the rule that fired; null when `otherwise` applied. */
  ruleIndex: number | null;
}

/**
 * Applies the protocol to the answers. Every question of the complaint must be answered with one
 * of its options; anything else is an input error naming the field.
 */
export function evaluate(
  protocol: ProtocolDefinition,
  complaintCode: string,
  answers: Record<string, string>,
): Evaluation | FieldError[] {
  const complaint = protocol.complaints.find((c) => c.code === complaintCode);
  if (!complaint)
    return [{ field: 'complaintCode', reason: 'geen klacht van het protocol van deze wachtpost' }];
  const errors: FieldError[] = [];
  for (const qid of Object.keys(answers)) {
    if (!complaint.questions.some((q) => q.id === qid))
      errors.push({ field: `answers.${qid}`, reason: 'geen vraag van deze klacht' });
  }
  for (const q of complaint.questions) {
    const given = answers[q.id];
    if (given === undefined) errors.push({ field: `answers.${q.id}`, reason: 'niet beantwoord' });
    else if (!q.options.some((o) => o.code === given))
      errors.push({
        field: `answers.${q.id}`,
        reason: `geen optie van de vraag (${q.options.map((o) => o.code).join(', ')})`,
      });
  }
  if (errors.length > 0) return errors;
  const ruleIndex = complaint.rules.findIndex((r) =>
    Object.entries(r.when).every(([qid, codes]) => codes.includes(answers[qid])),
  );
  const outcome = ruleIndex >= 0 ? complaint.rules[ruleIndex] : complaint.otherwise;
  return {
    complaint,
    outcome: { urgency: outcome.urgency, disposition: outcome.disposition, advice: outcome.advice },
    ruleIndex: ruleIndex >= 0 ? ruleIndex : null,
  };
}
