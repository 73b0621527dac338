import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Matches, ValidateNested, validate } from 'class-validator';
import { flattenValidationErrors } from './errors';

class Address {
  @IsString()
  @IsNotEmpty()
  postcode: string;
}

class Sample {
  @IsString()
  @IsNotEmpty()
  name: string;

  @IsInt()
  @Max(1)
  factor: number;

  @IsIn(['nl', 'fr', 'en'])
  language: string;

  @Matches(/^\d{11}$/, { message: 'INSZ: 11 cijfers' })
  insz: string;

  @ValidateNested()
  @Type(() => Address)
  address: Address;
}

async function errorsOf(body: object) {
  const errors = await validate(plainToInstance(Sample, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return flattenValidationErrors(errors);
}

describe('flattenValidationErrors (the 400 body of every service)', () => {
  it('names each bad field once, with the rule to fix first, in Dutch', async () => {
    const errors = await errorsOf({ factor: 2, language: 'de', insz: '123', address: {}, extra: 1 });
    expect(errors).toEqual([
      { field: 'extra', reason: 'onbekend veld' },
      { field: 'name', reason: 'ontbreekt of is leeg' },
      { field: 'factor', reason: 'te groot (1)' },
      { field: 'language', reason: 'geen toegelaten waarde (nl, fr, en)' },
      { field: 'insz', reason: 'INSZ: 11 cijfers' },
      { field: 'address.postcode', reason: 'ontbreekt of is leeg' },
    ]);
  });

  it('gives nothing for a valid body', async () => {
    expect(
      await errorsOf({
        name: 'a',
        factor: 1,
        language: 'nl',
        insz: '12345678901',
        address: { postcode: '1000' },
      }),
    ).toEqual([]);
  });
});
