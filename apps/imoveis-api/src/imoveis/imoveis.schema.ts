import { pagination } from '@helix/http';
import { catalogueOrder, line, reais, text } from '@helix/robot-core';
import { z } from 'zod';
import { FINALIDADES, IMOVEL_STATUSES, IMOVEL_TIPOS } from './imovel.mapping';
import { UFS } from './ufs.constant';

// Bounds follow the template's columns: area_m2 and condominio are DECIMAL(10,2).
const contagem = z.number().int().min(0).max(1_000);
const area = z.number().positive().max(99_999_999).multipleOf(0.01);
const condominio = reais.max(99_999_999);
const uf = z.string().trim().toUpperCase().pipe(z.enum(UFS, 'UF inválida (ex.: SP)'));

const campos = {
  titulo: line(255),
  tipo: z.enum(IMOVEL_TIPOS),
  finalidade: z.enum(FINALIDADES),
  endereco: line(255),
  bairro: line(120),
  cidade: line(120),
  uf,
  quartos: contagem,
  banheiros: contagem,
  vagas: contagem,
  area_m2: area,
  preco: reais,
  condominio,
  descricao: text(10_000),
  status: z.enum(IMOVEL_STATUSES),
};

export const createImovelSchema = z.strictObject({
  titulo: campos.titulo,
  tipo: campos.tipo,
  finalidade: campos.finalidade,
  endereco: campos.endereco.optional(),
  bairro: campos.bairro.optional(),
  cidade: campos.cidade.optional(),
  uf: campos.uf.optional(),
  quartos: campos.quartos.optional(),
  banheiros: campos.banheiros.optional(),
  vagas: campos.vagas.optional(),
  area_m2: campos.area_m2.optional(),
  preco: campos.preco,
  condominio: campos.condominio.optional(),
  descricao: campos.descricao.optional(),
  status: campos.status.default('disponivel'),
});
export type CreateImovelInput = z.infer<typeof createImovelSchema>;

export const updateImovelSchema = z
  .strictObject({
    titulo: campos.titulo,
    tipo: campos.tipo,
    finalidade: campos.finalidade,
    endereco: campos.endereco.nullable(),
    bairro: campos.bairro.nullable(),
    cidade: campos.cidade.nullable(),
    uf: campos.uf.nullable(),
    quartos: campos.quartos.nullable(),
    banheiros: campos.banheiros.nullable(),
    vagas: campos.vagas.nullable(),
    area_m2: campos.area_m2.nullable(),
    preco: campos.preco,
    condominio: campos.condominio.nullable(),
    descricao: campos.descricao.nullable(),
    status: campos.status,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'informe ao menos um campo');
export type UpdateImovelInput = z.infer<typeof updateImovelSchema>;

const valor = z.coerce.number().nonnegative().max(999_999_999_999);

export const imoveisOrder = catalogueOrder({
  recentes: 'created_at DESC, id DESC',
  menor_preco: 'preco ASC, id DESC',
  maior_preco: 'preco DESC, id DESC',
  maior_area: 'area_m2 IS NULL, area_m2 DESC, id DESC',
});

export const listImoveisQuery = z
  .strictObject({
    ...pagination,
    tipo: z.enum(IMOVEL_TIPOS).optional(),
    finalidade: z.enum(FINALIDADES).optional(),
    bairro: line(120).optional(),
    cidade: line(120).optional(),
    quartos_min: z.coerce.number().int().min(0).max(1_000).optional(),
    area_min: z.coerce.number().nonnegative().max(99_999_999).optional(),
    preco_min: valor.optional(),
    preco_max: valor.optional(),
    /** The storefront shows what is on offer unless asked otherwise. */
    status: z.enum([...IMOVEL_STATUSES, 'todos']).default('disponivel'),
    ordem: imoveisOrder.field,
  })
  .refine((query) => query.preco_min === undefined || query.preco_max === undefined || query.preco_min <= query.preco_max, {
    message: 'preco_min maior que preco_max',
    path: ['preco_min'],
  });
export type ListImoveisQuery = z.infer<typeof listImoveisQuery>;
