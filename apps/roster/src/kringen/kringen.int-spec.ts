import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { rizivFrom } from '@permanentie/domain';
import { frozenClock, tokenFor } from '@permanentie/testing';
import { bootRoster, NIGHT, plannerOf, seedKring } from '../../test/fixtures';

describe('roster: kring, zones, GPs and templates', () => {
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const events = async (name: string) =>
    (await db.query('SELECT payload FROM roster.outbox WHERE event_name = $1 ORDER BY seq', [name])).map(
      (r: { payload: unknown }) => r.payload,
    );

  beforeAll(async () => {
    app = await bootRoster(frozenClock());
    db = app.get(DataSource);
  });
  afterAll(() => app?.close());

  it('sets up a kring with a zone and publishes ZoneChanged', async () => {
    const auth = plannerOf('pajottenland');
    await http()
      .post('/kringen')
      .set('Authorization', auth)
      .send({ id: 'pajottenland', name: 'HAK Pajottenland' })
      .expect(201);
    await http()
      .post('/kringen/pajottenland/wachtposten')
      .set('Authorization', auth)
      .send({ id: 'wp-pajottenland', name: 'Wachtpost Pajottenland' })
      .expect(201);
    await http()
      .put('/kringen/pajottenland/zones/paj-zuid')
      .set('Authorization', auth)
      .send({
        wachtpostId: 'wp-pajottenland',
        name: 'Zuid',
        postcodes: ['1750', '1760'],
        overflowZoneIds: [],
      })
      .expect(200);
    const res = await http()
      .put('/kringen/pajottenland/zones/paj-noord')
      .set('Authorization', auth)
      .send({
        wachtpostId: 'wp-pajottenland',
        name: 'Noord',
        postcodes: ['1700', '1702'],
        overflowZoneIds: ['paj-zuid'],
      })
      .expect(200);
    expect(res.body.postcodes).toEqual(['1700', '1702']);
    expect(await events('roster.zone-changed')).toEqual([
      expect.objectContaining({ zoneId: 'paj-zuid', postcodes: ['1750', '1760'] }),
      {
        zoneId: 'paj-noord',
        kringId: 'pajottenland',
        wachtpostId: 'wp-pajottenland',
        postcodes: ['1700', '1702'],
        overflowZoneIds: ['paj-zuid'],
        active: true,
      },
    ]);
    const kring = await http().get('/kringen/pajottenland').set('Authorization', auth).expect(200);
    expect(kring.body.settings.minRestHours).toBe(11);
  });

  it('tells triage which community holidays the kring observes, at creation and on change', async () => {
    expect(await events('roster.kring-calendar-changed')).toEqual([
      { kringId: 'pajottenland', communityHolidays: [] },
    ]);
    await http()
      .patch('/kringen/pajottenland/settings')
      .set('Authorization', plannerOf('pajottenland'))
      .send({ communityHolidays: ['flemish'] })
      .expect(200);
    expect((await events('roster.kring-calendar-changed')).pop()).toEqual({
      kringId: 'pajottenland',
      communityHolidays: ['flemish'],
    });
    const bad = await http()
      .patch('/kringen/pajottenland/settings')
      .set('Authorization', plannerOf('pajottenland'))
      .send({ communityHolidays: ['walloon'] })
      .expect(400);
    expect(bad.body.errors[0].field).toMatch(/^communityHolidays/);
    expect(await events('roster.kring-calendar-changed')).toHaveLength(2);
  });

  it('rejects a postcode already in another zone and an unknown overflow zone, changing nothing', async () => {
    const before = (await events('roster.zone-changed')).length;
    const res = await http()
      .put('/kringen/pajottenland/zones/paj-west')
      .set('Authorization', plannerOf('pajottenland'))
      .send({
        wachtpostId: 'wp-pajottenland',
        name: 'West',
        postcodes: ['1700'],
        overflowZoneIds: ['nowhere'],
      })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['postcodes', 'overflowZoneIds']);
    expect((await events('roster.zone-changed')).length).toBe(before);
  });

  it('adds a GP with a valid RIZIV and publishes GpChanged without her name', async () => {
    const res = await http()
      .post('/kringen/pajottenland/gps')
      .set('Authorization', plannerOf('pajottenland'))
      .send({
        riziv: rizivFrom(20001),
        name: 'Dr. Marie Claes',
        languages: ['nl', 'fr'],
        practicePostcode: '1700',
        participationFactor: 0.8,
        birthYear: 1975,
        capabilities: ['home_visits', 'supervisor'],
        exemptions: [{ reason: 'childbirth', from: '2026-03-01', to: '2026-09-01' }],
      })
      .expect(201);
    expect(res.body.calendarToken).toBeUndefined();
    const [event] = await events('roster.gp-changed');
    expect(event).toEqual({
      gpId: res.body.id,
      kringId: 'pajottenland',
      languages: ['nl', 'fr'],
      practicePostcode: '1700',
      capabilities: ['home_visits', 'supervisor'],
      active: true,
    });
    expect(JSON.stringify(event)).not.toContain('Claes');
    await http().delete(`/gps/${res.body.id}`).set('Authorization', plannerOf('pajottenland')).expect(200);
    expect((await events('roster.gp-changed'))[1]).toMatchObject({ gpId: res.body.id, active: false });
  });

  it('gives dispatchers a directory of GP names and languages, without personal details', async () => {
    await http()
      .post('/kringen/pajottenland/gps')
      .set('Authorization', plannerOf('pajottenland'))
      .send({
        riziv: rizivFrom(20077),
        name: 'Dr. Marie Claes',
        languages: ['nl', 'fr'],
        practicePostcode: '1700',
        participationFactor: 1,
        birthYear: 1975,
        capabilities: [],
        exemptions: [{ reason: 'health', from: '2026-03-01', to: '2026-04-01' }],
      })
      .expect(201);
    const res = await http()
      .get('/gp-directory')
      .set('Authorization', `Bearer ${tokenFor('dispatcher', { wachtpostId: 'wp-pajottenland' })}`)
      .expect(200);
    const marie = (res.body as Record<string, unknown>[]).find((g) => g.name === 'Dr. Marie Claes');
    expect(marie).toEqual({
      id: expect.any(String),
      name: 'Dr. Marie Claes',
      languages: ['nl', 'fr'],
      kringId: 'pajottenland',
    });
    await http()
      .get('/gp-directory')
      .set(
        'Authorization',
        `Bearer ${tokenFor('gp', { gpId: marie!.id as string, kringId: 'pajottenland' })}`,
      )
      .expect(403);
  });

  it('answers 400 naming the field for a participation factor of 2, a bad RIZIV and a bad exemption; nothing stored', async () => {
    const gp = {
      riziv: rizivFrom(20002),
      name: 'Dr. X',
      languages: ['nl'],
      practicePostcode: '1700',
      participationFactor: 2,
      birthYear: 1980,
      capabilities: [],
    };
    const auth = plannerOf('pajottenland');
    const a = await http().post('/kringen/pajottenland/gps').set('Authorization', auth).send(gp).expect(400);
    expect(a.body.errors).toEqual([
      { field: 'participationFactor', reason: 'participatiefactor tussen 0 en 1' },
    ]);
    const good = rizivFrom(20002);
    const badRiziv =
      good.slice(0, 6) + String((Number(good.slice(6, 8)) + 1) % 100).padStart(2, '0') + good.slice(8);
    const b = await http()
      .post('/kringen/pajottenland/gps')
      .set('Authorization', auth)
      .send({
        ...gp,
        participationFactor: 1,
        riziv: badRiziv,
      })
      .expect(400);
    expect(b.body.errors.map((e: { field: string }) => e.field)).toContain('riziv');
    const c = await http()
      .post('/kringen/pajottenland/gps')
      .set('Authorization', auth)
      .send({
        ...gp,
        participationFactor: 1,
        exemptions: [{ reason: 'health', from: '2026-05-01', to: '2026-04-01' }],
      })
      .expect(400);
    expect(c.body.errors).toEqual([{ field: 'exemptions.0.to', reason: expect.any(String) }]);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM roster.gp WHERE riziv = $1`, [
      gp.riziv,
    ]);
    expect(count).toBe(0);
  });

  it('answers 400 for a template ending before it starts and for an unknown zone', async () => {
    const auth = plannerOf('pajottenland');
    const res = await http()
      .post('/kringen/pajottenland/templates')
      .set('Authorization', auth)
      .send({ ...NIGHT, zoneId: 'paj-noord', endDayOffset: 0 })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'endTime', reason: expect.stringContaining('eindigt voor het begint') },
    ]);
    const unknownZone = await http()
      .post('/kringen/pajottenland/templates')
      .set('Authorization', auth)
      .send({ ...NIGHT, zoneId: 'elders' })
      .expect(400);
    expect(unknownZone.body.errors[0].field).toBe('zoneId');
    const list = await http().get('/kringen/pajottenland/templates').set('Authorization', auth).expect(200);
    expect(list.body).toEqual([]);
    await http()
      .post('/kringen/pajottenland/templates')
      .set('Authorization', auth)
      .send({ ...NIGHT, zoneId: 'paj-noord' })
      .expect(201);
  });

  it('keeps planners to their kring and GPs out of planner routes', async () => {
    await seedKring(app, { kringId: 'noordrand', gps: 1, templates: {}, seq: 30000 });
    await http().get('/kringen/pajottenland/gps').set('Authorization', plannerOf('noordrand')).expect(403);
    await http()
      .put('/kringen/pajottenland/zones/x-zone')
      .set('Authorization', plannerOf('noordrand'))
      .send({ wachtpostId: 'wp-pajottenland', name: 'Xyz', postcodes: [], overflowZoneIds: [] })
      .expect(403);
    await http()
      .post('/kringen')
      .set('Authorization', plannerOf('noordrand'))
      .send({ id: 'zennevallei', name: 'Zennevallei' })
      .expect(403);
    await http()
      .get('/kringen/pajottenland/gps')
      .set(
        'Authorization',
        `Bearer ${tokenFor('gp', { gpId: '00000000-0000-0000-0000-000000000001', kringId: 'pajottenland' })}`,
      )
      .expect(403);
    await http().get('/kringen/pajottenland/gps').expect(401);
    await http()
      .get('/kringen/pajottenland/gps')
      .set('Authorization', `Bearer ${tokenFor('admin')}`)
      .expect(200);
  });

  it("lets a GP record her own unavailability and wishes but not a colleague's", async () => {
    const { gpIds, kringId } = await seedKring(app, {
      kringId: 'zennevallei',
      gps: 2,
      templates: {},
      seq: 40000,
    });
    const mine = `Bearer ${tokenFor('gp', { gpId: gpIds[0], kringId })}`;
    await http()
      .post(`/gps/${gpIds[0]}/preferences`)
      .set('Authorization', mine)
      .send({ kind: 'unavailable', from: '2026-07-01', to: '2026-07-14' })
      .expect(201);
    await http()
      .post(`/gps/${gpIds[0]}/preferences`)
      .set('Authorization', mine)
      .send({ kind: 'want', from: '2026-07-20', to: '2026-07-20', dutyKind: 'wachtpost' })
      .expect(201);
    const bad = await http()
      .post(`/gps/${gpIds[0]}/preferences`)
      .set('Authorization', mine)
      .send({ kind: 'avoid', from: '2026-07-20', to: '2026-07-10' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('to');
    await http()
      .post(`/gps/${gpIds[1]}/preferences`)
      .set('Authorization', mine)
      .send({ kind: 'avoid', from: '2026-07-20', to: '2026-07-20' })
      .expect(404);
    const list = await http().get(`/gps/${gpIds[0]}/preferences`).set('Authorization', mine).expect(200);
    expect(list.body.map((p: { kind: string }) => p.kind)).toEqual(['unavailable', 'want']);
  });
});
