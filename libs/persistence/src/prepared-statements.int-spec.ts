import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dbUrl } from '@permanentie/testing';
import { ensureDatabase } from './database';
import './prepared-statements';

describe('parameterised statements run prepared', () => {
  const url = dbUrl(`perm_t_${process.env.TEST_RUN_ID}_prep_${randomBytes(3).toString('hex')}`);
  let client: Client;

  beforeAll(async () => {
    await ensureDatabase(url);
    client = new Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE things (id int PRIMARY KEY, label text)');
    await client.query(`INSERT INTO things VALUES (1, 'een'), (2, 'twee')`);
  });
  afterAll(() => client.end());

  const prepared = async () =>
    (await client.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')).rows.map(
      (r: { statement: string }) => r.statement,
    );

  it('prepares a text once per connection and reuses it; plain text stays unnamed', async () => {
    for (const id of [1, 2, 1]) {
      const { rows } = await client.query('SELECT label FROM things WHERE id = $1', [id]);
      expect(rows).toEqual([{ label: id === 1 ? 'een' : 'twee' }]);
    }
    await client.query('SELECT count(*) FROM things');
    expect(await prepared()).toEqual(['SELECT label FROM things WHERE id = $1']);
  });

  it('after a migration changes a SELECT * result, fails once and then prepares afresh', async () => {
    const read = () => client.query('SELECT * FROM things WHERE id = $1', [1]);
    expect((await read()).rows).toEqual([{ id: 1, label: 'een' }]);
    await client.query('ALTER TABLE things ADD COLUMN note text');
    await expect(read()).rejects.toThrow(/cached plan must not change result type/);
    expect((await read()).rows).toEqual([{ id: 1, label: 'een', note: null }]);
  });
});
