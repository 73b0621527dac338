import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

export class ConfigError extends Error {}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const name = prefix + e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => `${name}: ${reason}`);
    return [...own, ...describe(e.children ?? [], `${name}.`)];
  });
}

/**
 * Builds a validated config object from the environment. Values are converted by the
 * class' @Type/@Transform decorators; class field initialisers are the defaults.
 * Throws a ConfigError naming every bad or missing variable.
 */
export function loadConfig<T extends object>(
  cls: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const defaults = new cls() as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) plain[key] = defaults[key];
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '' && key in defaults) plain[key] = value;
  }
  const config = plainToInstance(cls, plain, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${describe(errors).join('\n  ')}`);
  }
  return config;
}
