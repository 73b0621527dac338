import { DISPOSITIONS } from '@permanentie/contracts';
import { evaluate, Evaluation, FieldError, ProtocolDefinition, validateProtocol } from './protocol.model';
import { SAMPLE_PROTOCOL } from './sample-protocol';

const ok = (r: Evaluation | FieldError[]): Evaluation => {
  if (Array.isArray(r)) throw new Error(JSON.stringify(r));
  return r;
};
const no = {
  pressing_radiating: 'no',
  sweating_pale: 'no',
  over_40_or_cardiac: 'no',
  pain_on_movement: 'no',
};

describe('the sample protocol', () => {
  it('is a valid protocol', () => {
    expect(validateProtocol(SAMPLE_PROTOCOL)).toEqual([]);
  });

  it('covers the twelve common complaints of the issue, in Dutch, French and English', () => {
    expect(SAMPLE_PROTOCOL.complaints.map((c) => c.code).sort()).toEqual(
      [
        'abdominal_pain',
        'breathlessness',
        'chest_pain',
        'fall_injury',
        'fever_child',
        'headache',
        'medication_question',
        'palliative',
        'psychiatric_crisis',
        'rash',
        'urinary',
        'wound_bleeding',
      ].sort(),
    );
    for (const c of SAMPLE_PROTOCOL.complaints) {
      expect(c.label.nl && c.label.fr && c.label.en).toBeTruthy();
      expect(c.questions.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('every rule of every complaint can fire (no rule is shadowed by an earlier one)', () => {
    for (const c of SAMPLE_PROTOCOL.complaints) {
      c.rules.forEach((rule, i) => {
        // Answers: the rule's own conditions, and for the other questions an option no earlier rule wants.
        const answers: Record<string, string> = {};
        for (const q of c.questions) {
          const wanted = rule.when[q.id];
          if (wanted) answers[q.id] = wanted[0];
          else {
            const free = q.options.find(
              (o) => !c.rules.slice(0, i).some((r) => r.when[q.id]?.includes(o.code)),
            );
            answers[q.id] = (free ?? q.options[q.options.length - 1]).code;
          }
        }
        expect({
          complaint: c.code,
          rule: i,
          fired: ok(evaluate(SAMPLE_PROTOCOL, c.code, answers)).ruleIndex,
        }).toEqual({
          complaint: c.code,
          rule: i,
          fired: i,
        });
      });
    }
  });

  it('chest pain: radiating pain or sweating is U1 to 112; otherwise U3 consultation', () => {
    expect(
      ok(evaluate(SAMPLE_PROTOCOL, 'chest_pain', { ...no, pressing_radiating: 'yes' })).outcome,
    ).toMatchObject({
      urgency: 'U1',
      disposition: 'handed_to_112',
    });
    expect(ok(evaluate(SAMPLE_PROTOCOL, 'chest_pain', { ...no, sweating_pale: 'yes' })).outcome.urgency).toBe(
      'U1',
    );
    const plain = ok(evaluate(SAMPLE_PROTOCOL, 'chest_pain', no));
    expect(plain.ruleIndex).toBeNull();
    expect(plain.outcome).toMatchObject({ urgency: 'U3', disposition: 'consultation' });
    expect(plain.outcome.advice.nl).toContain('wachtpost');
  });

  it('fever in a child: non-blanching spots are U1, a baby under 3 months U2, an older child U5 advice', () => {
    const base = {
      age: 'older',
      non_blanching_rash: 'no',
      drowsy_floppy: 'no',
      drinking_poorly: 'no',
      fever_over_3_days: 'no',
    };
    expect(
      ok(evaluate(SAMPLE_PROTOCOL, 'fever_child', { ...base, non_blanching_rash: 'yes' })).outcome.urgency,
    ).toBe('U1');
    expect(
      ok(evaluate(SAMPLE_PROTOCOL, 'fever_child', { ...base, age: 'under_3_months' })).outcome.urgency,
    ).toBe('U2');
    expect(ok(evaluate(SAMPLE_PROTOCOL, 'fever_child', base)).outcome).toMatchObject({
      urgency: 'U5',
      disposition: 'phone_advice',
    });
  });

  it('palliative care with uncontrolled symptoms is a priority home visit', () => {
    expect(
      ok(
        evaluate(SAMPLE_PROTOCOL, 'palliative', {
          uncontrolled_symptoms: 'yes',
          dying: 'no',
          palliative_team: 'no',
        }),
      ).outcome,
    ).toMatchObject({ urgency: 'U2', disposition: 'home_visit_priority' });
  });

  it('U1 always means 112 and 112 always means U1, everywhere in the sample', () => {
    for (const c of SAMPLE_PROTOCOL.complaints)
      for (const o of [...c.rules, c.otherwise])
        expect(o.urgency === 'U1').toBe(o.disposition === 'handed_to_112');
    expect(DISPOSITIONS).toContain('handed_to_112');
  });
});

describe('evaluate', () => {
  it('names every bad answer: not an option, unknown question, unanswered', () => {
    expect(
      evaluate(SAMPLE_PROTOCOL, 'chest_pain', {
        pressing_radiating: 'maybe',
        sweating_pale: 'no',
        over_40_or_cardiac: 'no',
        colour: 'red',
      }),
    ).toEqual([
      { field: 'answers.colour', reason: 'geen vraag van deze klacht' },
      { field: 'answers.pressing_radiating', reason: 'geen optie van de vraag (yes, no)' },
      { field: 'answers.pain_on_movement', reason: 'niet beantwoord' },
    ]);
  });

  it('names an unknown complaint', () => {
    expect(evaluate(SAMPLE_PROTOCOL, 'toothache', {})).toEqual([
      { field: 'complaintCode', reason: expect.any(String) },
    ]);
  });
});

describe('validateProtocol', () => {
  const minimal = (): ProtocolDefinition =>
    JSON.parse(JSON.stringify({ ...SAMPLE_PROTOCOL, complaints: [SAMPLE_PROTOCOL.complaints[0]] }));

  it('accepts a minimal protocol and rejects a non-object', () => {
    expect(validateProtocol(minimal())).toEqual([]);
    expect(validateProtocol('x')).toEqual([{ field: 'definition', reason: expect.any(String) }]);
  });

  it('names duplicate codes, missing translations, bad urgencies, rules on unknown questions or options', () => {
    const p = minimal() as unknown as { complaints: Record<string, unknown>[] };
    const c = p.complaints[0] as {
      label: Record<string, string>;
      questions: { id: string; options: unknown[] }[];
      rules: { urgency: string; when: Record<string, string[]> }[];
    };
    delete c.label.en;
    c.questions[1].id = c.questions[0].id;
    c.questions[2].options = [c.questions[2].options[0]];
    c.rules[0].urgency = 'U7';
    c.rules[2].when = { nope: ['yes'] };
    p.complaints.push({ ...p.complaints[0] });
    const fields = validateProtocol(p).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'definition.complaints[0].label.en',
        'definition.complaints[0].questions[1].id',
        'definition.complaints[0].questions[2].options',
        'definition.complaints[0].rules[0].urgency',
        'definition.complaints[0].rules[2].when.nope',
        'definition.complaints[1].code',
      ]),
    );
  });
});
