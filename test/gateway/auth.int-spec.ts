import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import {
  bootService,
  cloneTestDatabase,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
} from '@permanentie/testing';

describe('gateway auth: accounts, login, refresh rotation, logout, rate limits', () => {
  let app: INestApplication;
  let adminToken: string;
  const http = () => request(app.getHttpServer());
  const login = (username: string, password: string, ip = '10.0.0.1') =>
    http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  beforeAll(async () => {
    app = await bootService(
      GatewayModule.forRoot({
        DATABASE_URL: await cloneTestDatabase(),
        REDIS_URL,
        QUEUE_PREFIX: testQueuePrefix(),
        AUTH_TOKEN_SECRET: TEST_SECRET,
        ADMIN_USERNAME: 'beheer',
        ADMIN_PASSWORD: 'beheer-wachtwoord-1',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: 3,
        LOGIN_MAX_PER_IP: 8,
      }),
      { name: 'gateway' },
    );
    const res = await login('beheer', 'beheer-wachtwoord-1', '10.9.9.9').expect(200);
    adminToken = res.body.accessToken;
    for (const account of [
      { username: 'an.disp', role: 'dispatcher', displayName: 'An', wachtpostId: 'wp-1' },
      { username: 'dr.bert', role: 'gp', displayName: 'Dr. Bert', gpId: 'gp-1', kringId: 'k-1' },
      { username: 'plan.chris', role: 'planner', displayName: 'Chris', kringId: 'k-1' },
    ]) {
      await http()
        .post('/api/accounts')
        .auth(adminToken, { type: 'bearer' })
        .send({ ...account, password: 'een-lang-wachtwoord' })
        .expect(201);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the first admin is created from the environment and manages accounts', async () => {
    const list = await http().get('/api/accounts').auth(adminToken, { type: 'bearer' }).expect(200);
    expect(list.body.map((a: { username: string }) => a.username)).toEqual([
      'an.disp',
      'beheer',
      'dr.bert',
      'plan.chris',
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/i);
    const gp = list.body.find((a: { username: string }) => a.username === 'dr.bert');
    expect(gp).toMatchObject({ role: 'gp', gpId: 'gp-1', kringId: 'k-1', active: true });
  });

  it('refuses a duplicate username (any case) and a scope-less dispatcher, naming the field', async () => {
    await http()
      .post('/api/accounts')
      .auth(adminToken, { type: 'bearer' })
      .send({
        username: 'AN.DISP',
        password: 'een-lang-wachtwoord',
        role: 'planner',
        displayName: 'x',
        kringId: 'k',
      })
      .expect(409);
    const bad = await http()
      .post('/api/accounts')
      .auth(adminToken, { type: 'bearer' })
      .send({ username: 'nieuw', password: 'kort', role: 'dispatcher', displayName: 'x' })
      .expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['password', 'wachtpostId']));
  });

  it('only an admin manages accounts', async () => {
    const res = await login('an.disp', 'een-lang-wachtwoord', '10.0.1.1').expect(200);
    await http().get('/api/accounts').auth(res.body.accessToken, { type: 'bearer' }).expect(403);
    await http().get('/api/accounts').expect(401);
  });

  it('login answers tokens and the user with role and scope; /api/me agrees', async () => {
    const res = await login('Dr.Bert', 'een-lang-wachtwoord', '10.0.2.1').expect(200);
    expect(res.body).toMatchObject({
      expiresIn: 600,
      user: { username: 'dr.bert', role: 'gp', displayName: 'Dr. Bert', gpId: 'gp-1', kringId: 'k-1' },
    });
    expect(typeof res.body.accessToken).toBe('string');
    expect(typeof res.body.refreshToken).toBe('string');
    const me = await http().get('/api/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toEqual(res.body.user);
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const a = await login('plan.chris', 'verkeerd-wachtwoord', '10.0.3.1').expect(401);
    const b = await login('niemand', 'verkeerd-wachtwoord', '10.0.3.1').expect(401);
    expect(a.body.message).toBe(b.body.message);
  });

  it('refresh rotates; reusing a spent refresh token revokes the whole session', async () => {
    const first = await login('plan.chris', 'een-lang-wachtwoord', '10.0.4.1').expect(200);
    const second = await http()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect(second.body.user.kringId).toBe('k-1');
    // The old one again: someone copied it. The session dies, the fresh token with it.
    await http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: 'made-up' }).expect(401);
  });

  it('logout ends the session: its refresh token stops working', async () => {
    const res = await login('an.disp', 'een-lang-wachtwoord', '10.0.5.1').expect(200);
    await http().post('/api/auth/logout').auth(res.body.accessToken, { type: 'bearer' }).expect(204);
    await http().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(401);
  });

  it('a deactivated account can no longer log in or refresh', async () => {
    const created = await http()
      .post('/api/accounts')
      .auth(adminToken, { type: 'bearer' })
      .send({
        username: 'weg',
        password: 'een-lang-wachtwoord',
        role: 'planner',
        displayName: 'W',
        kringId: 'k-2',
      })
      .expect(201);
    const res = await login('weg', 'een-lang-wachtwoord', '10.0.6.1').expect(200);
    await http()
      .patch(`/api/accounts/${created.body.id}`)
      .auth(adminToken, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    await login('weg', 'een-lang-wachtwoord', '10.0.6.2').expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(401);
  });

  it('locks an account after repeated failures (429 with Retry-After), even with the right password', async () => {
    for (let i = 0; i < 3; i++) await login('dr.bert', 'fout-wachtwoord', `10.1.0.${i}`).expect(401);
    const locked = await login('dr.bert', 'een-lang-wachtwoord', '10.1.0.9').expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.message).toMatch(/Te veel aanmeldpogingen/);
    // Other accounts are not affected.
    await login('an.disp', 'een-lang-wachtwoord', '10.1.0.10').expect(200);
  });

  it('limits attempts per client address, across accounts', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 8; i++) await login(`user${i}`, 'fout-wachtwoord', ip).expect(401);
    await login('plan.chris', 'een-lang-wachtwoord', ip).expect(429);
    await login('plan.chris', 'een-lang-wachtwoord', '10.2.0.2').expect(200);
  });
});
