import { spawnMaster, startTestSmtpServer, type SpawnedMaster, type TestSmtpServer } from '@helix/testing';
import request from 'supertest';
import { produtosRobot } from '../testing/produtos-robot';
import { onboardActiveTenant, startTestRobot, type OnboardedTenant, type TestRobot } from '../testing/test-platform';

const SENHA = 'cavalo-correto-bateria-7';
const FROM = 'Loja Teste <convites@helix.test>';

/**
 * SMTP_URL set on the master and the robot: invites are e-mailed through a real SMTP server on a
 * local port, and a mail server that is down changes only what the answer says.
 */
describe('invite links sent by e-mail (SMTP_URL)', () => {
  let smtp: TestSmtpServer;
  let master: SpawnedMaster;
  let robot: TestRobot;
  let loja: OnboardedTenant;
  let owner: string;

  const api = () => request(robot.url);
  const as = (tenant: OnboardedTenant, token?: string) => ({
    'X-Tenant-Key': tenant.key,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });
  const accept = (tenant: OnboardedTenant, url: string) =>
    api()
      .post('/equipe/convite/aceitar')
      .set(as(tenant))
      .send({ token: url.split('#')[1], senha: SENHA });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const env = { SMTP_URL: smtp.url, SMTP_FROM: FROM };
    master = await spawnMaster({ env });
    robot = await startTestRobot(produtosRobot, master, { env });
  });
  afterAll(async () => {
    await robot?.close();
    await master?.close();
    await smtp?.close();
  });

  it("e-mails the owner's onboarding invite, with the exact link the answer carries", async () => {
    loja = await onboardActiveTenant(master, 'loja_mail', 'carros', { emailResponsavel: 'Dono@Mail.test' });
    expect(loja.conviteEmail).toEqual({ enviado: true });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ to: ['dono@mail.test'], from: 'convites@helix.test', user: 'convites' });
    expect(mail.subject).toBe('Convite para a equipe de Loja loja_mail');
    expect(mail.text).toContain(`\n${loja.conviteUrl}\n`);
    expect(mail.text).toContain('7 dias');
    expect(mail.html).toContain(`href="${loja.conviteUrl}"`);
    owner = (await accept(loja, loja.conviteUrl!).expect(200)).body.token;
  });

  it("e-mails a staff member's invite and a new one on reinvite, each with the link of its answer", async () => {
    const created = await api()
      .post('/equipe/usuarios')
      .set(as(loja, owner))
      .send({ email: 'Vera@Mail.test', nome: 'Vera', papel: 'vendedor' })
      .expect(201);
    expect(created.body.convite_email).toEqual({ enviado: true });
    const invite = smtp.received.at(-1)!;
    expect(invite.to).toEqual(['vera@mail.test']);
    expect(invite.subject).toBe('Convite para a equipe de Loja loja_mail');
    expect(invite.text).toContain(`\n${created.body.convite_url}\n`);

    const again = await api().post(`/equipe/usuarios/${created.body.usuario.id}/convite`).set(as(loja, owner)).expect(200);
    expect(again.body.convite_email).toEqual({ enviado: true });
    expect(again.body.convite_url).not.toBe(created.body.convite_url);
    expect(smtp.received.at(-1)!.text).toContain(`\n${again.body.convite_url}\n`);
    await accept(loja, again.body.convite_url).expect(200);
  });

  it('with the mail server down, onboarding and staff invites still succeed, say so, and their links work', async () => {
    await smtp.close();
    const before = smtp.received.length;
    const started = Date.now();
    const down = await onboardActiveTenant(master, 'loja_sem_mail', 'carros', { emailResponsavel: 'dono@semmail.test' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(down.conviteEmail).toEqual({ enviado: false, erro: expect.stringContaining('copie o link') });
    const downOwner = (await accept(down, down.conviteUrl!).expect(200)).body.token;

    const staff = await api()
      .post('/equipe/usuarios')
      .set(as(down, downOwner))
      .send({ email: 'ana@semmail.test', nome: 'Ana', papel: 'vendedor' })
      .expect(201);
    expect(staff.body.convite_email).toEqual({ enviado: false, erro: expect.any(String) });
    await accept(down, staff.body.convite_url).expect(200);
    expect(smtp.received).toHaveLength(before);
  });
});
