import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { useProdutosRobot } from '../testing/start-produtos-robot';
import { onboardActiveTenant, type OnboardedTenant } from '../testing/test-platform';

const UPLOAD_DIR = mkdtempSync(path.join(os.tmpdir(), 'helix-fotos-'));
/** A 1×1 PNG, as a browser would send it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const platform = useProdutosRobot({ env: { UPLOAD_DIR } });
const api = () => request(platform().robot.url);
const storeDir = () => path.join(UPLOAD_DIR, platform().tenant.key);
const storedFiles = () => (existsSync(storeDir()) ? readdirSync(storeDir()) : []);
const newProduto = async (nome: string) =>
  (await api().post('/produtos').set(platform().headers).send({ nome, preco: 10 }).expect(201)).body.id as number;
const upload = (produto: number, content: Buffer, filename = 'foto.png', contentType = 'image/png') =>
  api().post(`/produtos/${produto}/fotos/arquivo`).set(platform().headers).attach('arquivo', content, { filename, contentType });
const nameOf = (url: string) => url.slice('/fotos/'.length);

describe('photos uploaded by the store (multipart) and served back to its storefront', () => {
  let outra: OnboardedTenant;
  beforeAll(async () => {
    outra = await onboardActiveTenant(platform().master, 'loja_outra', 'carros');
  });
  afterAll(() => rmSync(UPLOAD_DIR, { recursive: true, force: true }));

  it('stores a PNG under the store, lists it on the item and serves it only on that store', async () => {
    const produto = await newProduto('Vaso com foto');
    const response = await upload(produto, PNG).field('principal', 'true').field('ordem', '2');
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      url: expect.stringMatching(/^\/fotos\/[0-9a-f]{32}\.png$/),
      ordem: 2,
      principal: true,
    });
    const name = nameOf(response.body.url);
    expect(storedFiles()).toContain(name);

    const item = await api().get(`/produtos/${produto}`).set('X-Tenant-Key', platform().tenant.key).expect(200);
    expect(item.body.fotos.map((foto: { url: string }) => foto.url)).toEqual([response.body.url]);

    const served = await api().get(`/fotos/${name}`).set('X-Tenant-Key', platform().tenant.key).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);

    const elsewhere = await api().get(`/fotos/${name}`).set('X-Tenant-Key', outra.key);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('FOTO_FILE_NOT_FOUND');
  });

  it('refuses a text file named .png (415) and a JPEG-typed HTML page, storing nothing', async () => {
    const produto = await newProduto('Vaso sem foto');
    const before = storedFiles();
    const fake = await upload(produto, Buffer.from('isto não é uma imagem, é texto'), 'foto.png', 'image/png');
    expect(fake.status).toBe(415);
    expect(fake.body.error).toEqual({ code: 'FOTO_TYPE_UNSUPPORTED', message: 'Envie uma foto JPEG, PNG ou WebP.' });
    const html = await upload(produto, Buffer.from('<html><script>alert(1)</script></html>'), 'foto.jpg', 'image/jpeg');
    expect(html.status).toBe(415);
    expect(storedFiles()).toEqual(before);
    expect((await api().get(`/produtos/${produto}`).set('X-Tenant-Key', platform().tenant.key)).body.fotos).toEqual([]);
  });

  it('refuses a photo over 5 MB with a 413 JSON error, storing nothing', async () => {
    const produto = await newProduto('Vaso grande');
    const before = storedFiles();
    const big = await upload(produto, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('FOTO_TOO_LARGE');
    expect(storedFiles()).toEqual(before);
  });

  it('removes the file when the photo is deleted', async () => {
    const produto = await newProduto('Vaso efêmero');
    const { body: foto } = await upload(produto, PNG).expect(201);
    expect(storedFiles()).toContain(nameOf(foto.url));
    await api().delete(`/produtos/${produto}/fotos/${foto.id}`).set(platform().headers).expect(204);
    expect(storedFiles()).not.toContain(nameOf(foto.url));
    await api()
      .get(`/fotos/${nameOf(foto.url)}`)
      .set('X-Tenant-Key', platform().tenant.key)
      .expect(404);
  });

  it("removes an item's uploaded files when the item is deleted", async () => {
    const produto = await newProduto('Vaso vendido');
    const names = [nameOf((await upload(produto, PNG).expect(201)).body.url), nameOf((await upload(produto, PNG).expect(201)).body.url)];
    const kept = nameOf((await upload(await newProduto('Vaso que fica'), PNG).expect(201)).body.url);
    await api().delete(`/produtos/${produto}`).set(platform().headers).expect(204);
    expect(storedFiles()).not.toContain(names[0]);
    expect(storedFiles()).not.toContain(names[1]);
    expect(storedFiles()).toContain(kept);
  });

  it('answers hostile uploads and file names with a 4xx JSON error, storing nothing', async () => {
    const produto = await newProduto('Vaso atacado');
    const before = storedFiles();
    const url = `/produtos/${produto}/fotos/arquivo`;
    const key = platform().tenant.key;
    const cases = [
      api().post(url).set(platform().headers).send({ url: 'https://exemplo.com/a.png' }),
      api().post(url).set(platform().headers).attach('foto', PNG, 'a.png'),
      api().post(url).set(platform().headers).attach('arquivo', PNG, 'a.png').attach('arquivo', PNG, 'b.png'),
      api().post(url).set(platform().headers).field('ordem', '2'),
      api().post(url).set(platform().headers).field('ordem', '-1').attach('arquivo', PNG, 'a.png'),
      api().post(url).set(platform().headers).field('admin', 'true').attach('arquivo', PNG, 'a.png'),
      api().post(url).set(platform().headers).set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nlixo'),
      api().post('/produtos/999999/fotos/arquivo').set(platform().headers).attach('arquivo', PNG, 'a.png'),
      api().post(url).set('X-Tenant-Key', key).attach('arquivo', PNG, 'a.png'),
      api().get('/fotos/..%2F..%2Fetc%2Fpasswd').set('X-Tenant-Key', key),
      api().get('/fotos/0123456789abcdef0123456789abcdef.svg').set('X-Tenant-Key', key),
      api()
        .get(`/fotos/${'a'.repeat(500)}`)
        .set('X-Tenant-Key', key),
    ];
    for (const call of cases) {
      const response = await call;
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
    expect(storedFiles()).toEqual(before);
  });
});
