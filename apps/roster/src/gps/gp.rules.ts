import { isValidRiziv } from '@permanentie/domain';
import { FieldError } from '@permanentie/platform';
import { Exemption } from './gp.entity';

export interface GpInput {
  riziv: string;
  name: string;
  languages: string[];
  practicePostcode: string;
  participationFactor: number;
  birthYear: number;
  capabilities: string[];
  exemptions: Exemption[];
}

/** Checks a DTO cannot do: the RIZIV check digits, exemption periods in order. */
export function gpInputErrors(input: GpInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidRiziv(input.riziv))
    errors.push({ field: 'riziv', reason: 'ongeldig RIZIV-nummer (11 cijfers, controlegetal mod 97 of 89)' });
  input.exemptions.forEach((e, i) => {
    if (e.to < e.from) errors.push({ field: `exemptions.${i}.to`, reason: 'einde ligt voor het begin' });
  });
  return errors;
}

/** Age in the given year: load halved from ageHalfFrom, none from ageNoneFrom. */
export function ageFactor(
  birthYear: number,
  year: number,
  rules: { ageHalfFrom: number; ageNoneFrom: number },
) {
  const age = year - birthYear;
  if (age >= rules.ageNoneFrom) return 0;
  if (age >= rules.ageHalfFrom) return 0.5;
  return 1;
}
