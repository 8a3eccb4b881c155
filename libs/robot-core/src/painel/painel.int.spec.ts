import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { useProdutosRobot } from '../testing/start-produtos-robot';
import { masterSql, onboardActiveTenant, type OnboardedTenant } from '../testing/test-platform';

const platform = useProdutosRobot();
const api = () => request(platform().robot.url);
const SENHA = 'cavalo-correto-bateria-7';

describe("the store's back office: its look and this month's usage", () => {
  let loja: OnboardedTenant;
  let owner: string;
  let seller: string;
  const as = (token: string) => ({ 'X-Tenant-Key': loja.key, Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    loja = await onboardActiveTenant(platform().master, 'loja_painel', 'carros', { emailResponsavel: 'dono@painel.test' });
    const accept = (url: string) =>
      api()
        .post('/equipe/convite/aceitar')
        .set('X-Tenant-Key', loja.key)
        .send({ token: url.split('#')[1], senha: SENHA });
    owner = (await accept(loja.conviteUrl!).expect(200)).body.token;
    const invited = await api()
      .post('/equipe/usuarios')
      .set(as(owner))
      .send({ email: 'vende@painel.test', nome: 'Vende', papel: 'vendedor' })
      .expect(201);
    seller = (await accept(invited.body.convite_url).expect(200)).body.token;
  });

  it("lets the owner change the store's name, logo and colour at the master", async () => {
    const changed = await api()
      .patch('/loja')
      .set(as(owner))
      .send({ nome: 'Loja Nova', logo_url: '/fotos/0123456789abcdef0123456789abcdef.png', cor_primaria: '#1A2B3C' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ tenant_key: loja.key, nome: 'Loja Nova', cor_primaria: '#1a2b3c' });
    const [row] = await masterSql<{ nome: string; logo_url: string; cor_primaria: string }[]>(
      platform().master,
      'SELECT nome, logo_url, cor_primaria FROM tenants WHERE tenant_key = ?',
      [loja.key],
    );
    expect(row).toEqual({ nome: 'Loja Nova', logo_url: '/fotos/0123456789abcdef0123456789abcdef.png', cor_primaria: '#1a2b3c' });
    await api().patch('/loja').set(as(owner)).send({ logo_url: null }).expect(200);
  });

  it("passes the master's refusal of a bad logo or colour on as a 400, and changes nothing", async () => {
    for (const patch of [
      { cor_primaria: 'red' },
      { logo_url: 'javascript:alert(1)' },
      { logo_url: 'http://inseguro.example.com/logo.png' },
    ]) {
      const refused = await api().patch('/loja').set(as(owner)).send(patch);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: expect.stringMatching(/^(LOJA_INVALIDA|VALIDATION_FAILED)$/),
        message: expect.any(String),
      });
    }
    for (const body of [{}, { nome: 'x'.repeat(300) }, { tenant_key: 'outra' }])
      expect((await api().patch('/loja').set(as(owner)).send(body)).status).toBe(400);
    const [row] = await masterSql<{ cor_primaria: string }[]>(platform().master, 'SELECT cor_primaria FROM tenants WHERE tenant_key = ?', [
      loja.key,
    ]);
    expect(row.cor_primaria).toBe('#1a2b3c');
  });

  it('lets only an owner change the look: a seller gets 403, the API key 401', async () => {
    expect((await api().patch('/loja').set(as(seller)).send({ nome: 'Golpe' })).status).toBe(403);
    expect((await api().patch('/loja').set(as(loja.apiKey)).send({ nome: 'Golpe' })).status).toBe(401);
  });

  it("shows this month's usage against the plan's limits, as the master counts it", async () => {
    const [plano] = await masterSql<{ limite_mensagens: number; limite_tokens: number }[]>(
      platform().master,
      'SELECT limite_mensagens, limite_tokens FROM planos WHERE id = 1',
    );
    const before = (await api().get('/painel/uso').set(as(seller)).expect(200)).body;
    expect(before).toMatchObject({
      mes: expect.stringMatching(/^\d{4}-\d{2}$/),
      plano: { id: 1, nome: expect.any(String) },
      assinatura: { status: 'active', ativa: true },
      mensagens: { usadas: 0, limite: plano.limite_mensagens },
      tokens: { usados: 0, limite: plano.limite_tokens },
    });

    await api().post('/chat').set(as(loja.apiKey)).send({ telefone: '11987654321', mensagem: 'Oi, vocês têm vasos?' }).expect(200);
    // Shipped to the master in the background; the robot then refreshes the tenant's resolution, which
    // the master itself may keep for up to RESOLVE_CACHE_SECONDS (5 s).
    let uso = before;
    for (let attempt = 0; attempt < 150 && uso.mensagens.usadas === 0; attempt++) {
      await sleep(100);
      uso = (await api().get('/painel/uso').set(as(owner)).expect(200)).body;
    }
    expect(uso.mensagens.usadas).toBe(1);
    expect(uso.tokens.usados).toBeGreaterThan(0);
  });
});
