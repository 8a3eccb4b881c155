import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

interface Car {
  id: number;
  marca: string;
  modelo: string;
  ano: number;
  preco: number | string;
  km: number | null;
  cambio: string | null;
  combustivel: string | null;
  cor: string | null;
  fotos: Array<{ url: string }>;
}

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL', maximumFractionDigits: 0 });
const inteiro = new Intl.NumberFormat('pt-BR');

/** The storefront's card markup (ItemCard), written by the server: same classes, same stylesheet. */
function card(car: Car): string {
  const detalhes = [car.km === null ? null : `${inteiro.format(car.km)} km`, car.cambio, car.combustivel, car.cor].filter(Boolean);
  const foto = car.fotos[0]?.url.replace(/^\/fotos\//, '/api/fotos/');
  return `<li class="cartao"><a href="/veiculos/${car.id}" class="cartao__link">${
    foto ? `<img class="foto cartao__foto" src="${escape(foto)}" alt="" width="640" height="480" loading="lazy" decoding="async">` : ''
  }<div class="cartao__corpo"><p class="cartao__sobretitulo">${car.ano}</p><h3 class="cartao__titulo">${escape(`${car.marca} ${car.modelo}`)}</h3><p class="cartao__preco">${escape(
    brl.format(Number(car.preco)),
  )}</p><ul class="cartao__detalhes" aria-label="Características">${detalhes.map((d) => `<li>${escape(d)}</li>`).join('')}</ul></div></a></li>`;
}

function page(nome: string, stylesheet: string, cars: Car[], total: number, perPage: number): string {
  const pages = Math.ceil(total / perPage);
  const links = Array.from({ length: Math.min(pages, 3) }, (_, i) => `<li><a href="/?page=${i + 1}">${i + 1}</a></li>`).join('');
  const field = (name: string, label: string, type: string) =>
    `<div class="campo"><label for="filtro-${name}">${label}</label><input id="filtro-${name}" name="${name}" type="${type}"></div>`;
  return `<!doctype html><html lang="pt-BR"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carros à venda · ${escape(nome)}</title><link rel="stylesheet" href="/assets/${stylesheet}"></head><body><div class="loja">
<header class="loja__topo"><a href="/" class="loja__marca"><span class="loja__nome">${escape(nome)}</span></a></header>
<main id="conteudo" class="loja__conteudo"><div class="catalogo"><div class="catalogo__cabecalho"><h1>Carros à venda</h1>
<div class="ordenacao campo campo--linha"><label for="ordem">Ordenar por</label><select id="ordem" name="ordem" form="filtros"><option>Mais recentes</option><option>Menor preço</option></select></div></div>
<div class="catalogo__corpo"><section class="filtros"><form id="filtros" class="filtros__form filtros__form--aberto" method="get">
${field('marca', 'Marca', 'search')}${field('modelo', 'Modelo', 'search')}${field('ano_min', 'Ano a partir de', 'number')}${field('preco_max', 'Preço máximo (R$)', 'number')}
<div class="filtros__acoes"><button type="submit" class="botao botao--primario">Filtrar</button></div></form></section>
<section class="resultados"><p class="resultados__total">${inteiro.format(total)} veículos encontrados</p><ul class="grade">${cars.map(card).join('')}</ul>
<nav class="paginacao"><ul>${links}</ul></nav></section></div></div></main></div></body></html>`;
}

/**
 * The catalogue's first page as a page without JavaScript: rendered by the server on every request
 * from the same robot listing the storefront reads, with the build's stylesheet and the same photo
 * files, served by a bare node:http server. What the storefront's JavaScript is measured against.
 */
export async function startStaticCatalogue(options: {
  robotUrl: string;
  tenantKey: string;
  nome: string;
  distDir: string;
  uploadDir: string;
  perPage: number;
}): Promise<{ url: string; close(): Promise<void> }> {
  const html = await readFile(path.join(options.distDir, 'index.html'), 'utf8');
  const stylesheet = /href="\/assets\/([^"]+\.css)"/.exec(html)?.[1];
  if (!stylesheet) throw new Error('no stylesheet in the build');
  const file = async (dir: string, name: string) => readFile(path.join(dir, path.basename(name)));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const answer = async () => {
      if (url.pathname === '/') {
        const listing = await fetch(`${options.robotUrl}/veiculos?page=1&per_page=${options.perPage}`, {
          headers: { 'x-tenant-key': options.tenantKey },
        });
        const body = (await listing.json()) as { veiculos: Car[]; paginacao: { total: number } };
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        return res.end(page(options.nome, stylesheet, body.veiculos, body.paginacao.total, options.perPage));
      }
      if (url.pathname.startsWith('/assets/')) {
        res.setHeader('Content-Type', 'text/css');
        return res.end(await file(path.join(options.distDir, 'assets'), url.pathname));
      }
      if (url.pathname.startsWith('/api/fotos/')) {
        res.setHeader('Content-Type', 'image/png');
        return res.end(await file(path.join(options.uploadDir, options.tenantKey), url.pathname));
      }
      res.statusCode = 404;
      res.end();
    };
    answer().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
