import { rizivFrom } from '@permanentie/domain';
import { ageFactor, gpInputErrors } from './gp.rules';

const good = {
  riziv: rizivFrom(12345),
  name: 'Dr. An Peeters',
  languages: ['nl'],
  practicePostcode: '1700',
  participationFactor: 1,
  birthYear: 1980,
  capabilities: [],
  exemptions: [],
};

describe('GP rules', () => {
  it('accepts a valid RIZIV number and rejects a wrong check digit', () => {
    expect(gpInputErrors(good)).toEqual([]);
    const bad =
      good.riziv.slice(0, 6) + String((Number(good.riziv.slice(6, 8)) + 1) % 100).padStart(2, '0') + '003';
    expect(gpInputErrors({ ...good, riziv: bad }).map((e) => e.field)).toEqual(['riziv']);
  });

  it('rejects an exemption that ends before it starts, naming the field', () => {
    const errors = gpInputErrors({
      ...good,
      exemptions: [{ reason: 'childbirth', from: '2026-05-01', to: '2026-04-01' }],
    });
    expect(errors).toEqual([{ field: 'exemptions.0.to', reason: expect.any(String) }]);
  });

  it('halves the load from 60 and removes it from 65', () => {
    const rules = { ageHalfFrom: 60, ageNoneFrom: 65 };
    expect(ageFactor(1967, 2026, rules)).toBe(1);
    expect(ageFactor(1966, 2026, rules)).toBe(0.5);
    expect(ageFactor(1961, 2026, rules)).toBe(0);
  });
});
