import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * Every parameterised statement runs as a named prepared statement, so PostgreSQL parses and
 * plans it once per connection instead of on every call: parse, analysis and planning were
 * about a third of PostgreSQL's CPU per case. The name is a hash of the text, so one text is
 * one statement on every connection. At most MAX_STATEMENTS texts get a name per process; the
 * rest (rare, dynamic SQL) run unnamed as before.
 *
 * A prepared `SELECT *` breaks once a migration changes its table's columns ("cached plan must
 * not change result type"): that call fails, and the connection then prepares its statements
 * afresh under new names, so the retry (BullMQ, or the user) succeeds.
 */
const MAX_STATEMENTS = 2_000;
const names = new Map<string, string>();
const GENERATION = Symbol('preparedGeneration');

type Connection = Client & { [GENERATION]?: number };
type Query = (this: Client, config: unknown, values?: unknown, callback?: unknown) => unknown;

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_STATEMENTS) {
    name = `p${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

const staleResultType = (e: unknown) =>
  (e as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(e));

const original = Client.prototype.query as unknown as Query;

(Client.prototype as unknown as { query: Query }).query = function (
  this: Connection,
  config: unknown,
  values?: unknown,
  callback?: unknown,
) {
  if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0)
    return original.call(this, config, values, callback);
  const base = nameOf(config);
  if (!base) return original.call(this, config, values, callback);
  const generation = this[GENERATION] ?? 0;
  const named = { name: generation ? `${base}_${generation}` : base, text: config, values };
  if (typeof callback === 'function') {
    return original.call(this, named, (e: unknown, r: unknown) => {
      if (e && staleResultType(e)) this[GENERATION] = generation + 1;
      (callback as (e: unknown, r: unknown) => void)(e, r);
    });
  }
  return (original.call(this, named) as Promise<unknown>).catch((e: unknown) => {
    if (staleResultType(e)) this[GENERATION] = generation + 1;
    throw e;
  });
};
