import { onboardActiveTenant, startTestRobot, tenantSql, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { closeInOrder, type SpawnedMaster, spawnMaster } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

/** The robot's clock: midday of 15/12/2026 in São Paulo, the master's default time zone. */
const NOW = new Date('2026-12-15T12:00:00-03:00');

let master: SpawnedMaster;
let robot: TestRobot;
let tenant: OnboardedTenant;
let now = NOW;
let clienteId: number;
let carId: number;

const auth = () => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });
const book = (data_agendada: string) =>
  request(robot.url)
    .post('/agendamentos')
    .set(auth())
    .send({ cliente_id: clienteId, veiculo_id: carId, tipo: 'test_drive', data_agendada });
const reschedule = (id: number, body: object) => request(robot.url).patch(`/agendamentos/${id}`).set(auth()).send(body);
const refusal = (problema: string | RegExp) => ({
  error: { code: 'VALIDATION_FAILED', message: 'Dados inválidos na requisição.', details: [{ campo: 'body.data_agendada', problema }] },
});
const WINDOW = 'marque de hoje (15/12/2026) até 15/12/2028, dias no fuso America/Sao_Paulo';

beforeAll(async () => {
  master = await spawnMaster();
  robot = await startTestRobot(carrosRobot, master, { clock: () => now });
  tenant = await onboardActiveTenant(master, 'datas_loja', 'carros');
  clienteId = (await request(robot.url).post('/clientes').set(auth()).send({ telefone: '11955554444', nome: 'Ana' })).body.id;
  carId = (await request(robot.url).post('/veiculos').set(auth()).send({ marca: 'VW', modelo: 'Nivus', ano: 2024, preco: 120000 })).body.id;
}, 60_000);

afterEach(() => {
  now = NOW;
});

afterAll(() => closeInOrder(robot, master));

describe('booking dates', () => {
  it.each([
    '0001-06-01T10:00:00Z',
    '0050-06-01T10:00:00Z',
    '0099-06-01T10:00:00Z',
    '1999-12-31T10:00:00-03:00',
    '2101-01-01T10:00:00Z',
    '9999-12-31T10:00:00Z',
  ])('refuses %s with 400 and a year range, to book, to reschedule or to filter', async (date) => {
    const booked = await book(date);
    expect(booked.status).toBe(400);
    expect(booked.body).toMatchObject(refusal('use um ano entre 2000 e 2100'));

    const existing = (await book('2027-01-04T10:00:00-03:00')).body.id;
    expect((await reschedule(existing, { data_agendada: date })).body).toMatchObject(refusal('use um ano entre 2000 e 2100'));
    await reschedule(existing, { status: 'cancelado' }).expect(200);

    for (const filter of ['de', 'ate']) {
      const listed = await request(robot.url)
        .get('/agendamentos')
        .query({ [filter]: date })
        .set(auth());
      expect(listed.status).toBe(400);
      expect(listed.body.error.details).toEqual([{ campo: `query.${filter}`, problema: 'use um ano entre 2000 e 2100' }]);
    }
  });

  it.each([
    ['the start of today', '2026-12-15T00:00:00-03:00'],
    ["today's slot, already past", '2026-12-15T09:00:00-03:00'],
    ['the last slot two years on', '2028-12-15T23:30:00-03:00'],
  ])('books %s', async (_label, date) => {
    const booked = await book(date);
    expect(booked.status).toBe(201);
    await reschedule(booked.body.id, { status: 'cancelado' }).expect(200);
  });

  it.each([
    ['yesterday', '2026-12-14T23:30:00-03:00'],
    ['yesterday in São Paulo, though today in UTC', '2026-12-15T02:30:00Z'],
    ['two years and one day on', '2028-12-16T00:00:00-03:00'],
    ['the far future', '2100-06-01T10:00:00Z'],
  ])('refuses %s with 400 naming the window', async (_label, date) => {
    const booked = await book(date);
    expect(booked.status).toBe(400);
    expect(booked.body).toMatchObject(refusal(WINDOW));
  });

  it('reschedules only inside the window, and still changes the status of a booking whose day has passed', async () => {
    const booked = (await book('2026-12-16T10:00:00-03:00')).body;
    expect((await reschedule(booked.id, { data_agendada: '2026-12-14T10:00:00-03:00' })).body).toMatchObject(refusal(WINDOW));

    now = new Date('2026-12-20T12:00:00-03:00');
    const done = await reschedule(booked.id, { status: 'realizado', observacoes: 'cliente gostou' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'realizado', data_agendada: '2026-12-16T13:00:00.000Z' });
    expect((await reschedule(booked.id, { data_agendada: '2026-12-16T10:00:00-03:00' })).body).toMatchObject(
      refusal(/^marque de hoje \(20\/12\/2026\)/),
    );
  });

  it('reads back the instant written, stored as UTC', async () => {
    const withOffset = await book('2027-03-01T14:30:00-03:00');
    expect(withOffset.body.data_agendada).toBe('2027-03-01T17:30:00.000Z');
    const inUtc = await book('2027-03-02T17:30:00.000Z');
    expect(inUtc.body.data_agendada).toBe('2027-03-02T17:30:00.000Z');
    expect((await request(robot.url).get(`/agendamentos/${withOffset.body.id}`).set(auth())).body.data_agendada).toBe(
      '2027-03-01T17:30:00.000Z',
    );

    const stored = await tenantSql<{ utc: string }[]>(
      master,
      'carros',
      tenant.key,
      "SELECT DATE_FORMAT(data_agendada, '%Y-%m-%d %H:%i:%s') AS utc FROM agendamentos WHERE id IN (?, ?) ORDER BY id",
      [withOffset.body.id, inUtc.body.id],
    );
    expect(stored.map((row) => row.utc)).toEqual(['2027-03-01 17:30:00', '2027-03-02 17:30:00']);
  });

  it('reads a row stored before the bounds, in year 0050, as 0050 (mysql2 alone reads 1950)', async () => {
    await tenantSql(
      master,
      'carros',
      tenant.key,
      "INSERT INTO agendamentos (customer_id, car_id, tipo, data_agendada) VALUES (?, ?, 'test_drive', '0050-06-01 10:00:00')",
      [clienteId, carId],
    );
    const [{ id }] = await tenantSql<{ id: number }[]>(
      master,
      'carros',
      tenant.key,
      "SELECT id FROM agendamentos WHERE data_agendada = '0050-06-01 10:00:00'",
    );
    const read = await request(robot.url).get(`/agendamentos/${id}`).set(auth());
    expect(read.body.data_agendada).toBe('0050-06-01T10:00:00.000Z');
  });
});
