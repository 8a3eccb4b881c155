import request from 'supertest';
import { useProdutosRobot } from '../testing/start-produtos-robot';

const platform = useProdutosRobot();
const api = () => request(platform().robot.url);
const newProduto = async (nome: string) =>
  (await api().post('/produtos').set(platform().headers).send({ nome, preco: 10 }).expect(201)).body.id as number;
const addPhoto = (produto: number, body: object) => api().post(`/produtos/${produto}/fotos`).set(platform().headers).send(body);
const fotosOf = async (produto: number) =>
  (await api().get(`/produtos/${produto}`).set('X-Tenant-Key', platform().tenant.key).expect(200)).body.fotos;

describe("photos of a catalogue's items (photoRoutes)", () => {
  it('shows the principal photo first, then by ordem; choosing a new principal demotes the old one', async () => {
    const produto = await newProduto('Vaso');
    const lado = await addPhoto(produto, { url: 'https://cdn.example.com/lado.jpg', ordem: 2 });
    expect(lado.status).toBe(201);
    expect(lado.body).toEqual({ id: expect.any(Number), url: 'https://cdn.example.com/lado.jpg', ordem: 2, principal: false });
    await addPhoto(produto, { url: 'https://cdn.example.com/frente.jpg', ordem: 1 }).expect(201);
    await addPhoto(produto, { url: 'https://cdn.example.com/capa.jpg', ordem: 3, principal: true }).expect(201);
    expect((await fotosOf(produto)).map((f: { url: string }) => f.url.split('/').pop())).toEqual(['capa.jpg', 'frente.jpg', 'lado.jpg']);

    await addPhoto(produto, { url: 'https://cdn.example.com/nova-capa.jpg', ordem: 9, principal: true }).expect(201);
    const fotos = await fotosOf(produto);
    expect(fotos.filter((f: { principal: boolean }) => f.principal).map((f: { url: string }) => f.url)).toEqual([
      'https://cdn.example.com/nova-capa.jpg',
    ]);
    expect(fotos[0].url).toBe('https://cdn.example.com/nova-capa.jpg');
  });

  it("removes an item's photo, and answers 404 for a photo of another item or an item the tenant does not have", async () => {
    const [vaso, prato] = [await newProduto('Vaso azul'), await newProduto('Prato fundo')];
    const { body: foto } = await addPhoto(vaso, { url: 'https://cdn.example.com/vaso.jpg' }).expect(201);

    const elsewhere = await api().delete(`/produtos/${prato}/fotos/${foto.id}`).set(platform().headers);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('FOTO_NOT_FOUND');
    await api().delete(`/produtos/${vaso}/fotos/${foto.id}`).set(platform().headers).expect(204);
    expect(await fotosOf(vaso)).toEqual([]);
    await api().delete(`/produtos/${vaso}/fotos/${foto.id}`).set(platform().headers).expect(404);

    const unknown = await addPhoto(999999, { url: 'https://cdn.example.com/x.jpg' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'ITEM_NOT_FOUND', message: 'Produto 999999 não encontrado(a).' });
  });

  it('refuses with 400 a URL that is not http(s) or carries markup', async () => {
    const produto = await newProduto('Quadro');
    for (const url of ['ftp://cdn.example.com/a.jpg', 'javascript:alert(1)', 'https://cdn.example.com/a.jpg"><script>']) {
      expect((await addPhoto(produto, { url })).status).toBe(400);
    }
    expect(await fotosOf(produto)).toEqual([]);
  });
});
