import { pagination } from '@helix/http';
import { catalogueOrder, line, reais, text } from '@helix/robot-core';
import { z } from 'zod';
import { VEICULO_STATUSES } from './veiculo.mapping';

const ano = z.number().int().min(1900).max(2100);

export const createVeiculoSchema = z.strictObject({
  marca: line(100),
  modelo: line(255),
  ano,
  ano_modelo: ano.optional(),
  preco: reais,
  km: z.number().int().min(0).max(10_000_000).optional(),
  cor: line(50).optional(),
  combustivel: line(50).optional(),
  cambio: line(50).optional(),
  descricao: text(10_000).optional(),
  status: z.enum(VEICULO_STATUSES).default('disponivel'),
});
export type CreateVeiculoInput = z.infer<typeof createVeiculoSchema>;

export const updateVeiculoSchema = z
  .strictObject({
    marca: line(100),
    modelo: line(255),
    ano,
    ano_modelo: ano.nullable(),
    preco: reais,
    km: z.number().int().min(0).max(10_000_000).nullable(),
    cor: line(50).nullable(),
    combustivel: line(50).nullable(),
    cambio: line(50).nullable(),
    descricao: text(10_000).nullable(),
    status: z.enum(VEICULO_STATUSES),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'informe ao menos um campo');
export type UpdateVeiculoInput = z.infer<typeof updateVeiculoSchema>;

const year = z.coerce.number().int().min(1900).max(2100);
const valor = z.coerce.number().nonnegative().max(999_999_999_999);

export const veiculosOrder = catalogueOrder({
  recentes: 'created_at DESC, id DESC',
  menor_preco: 'price ASC, id DESC',
  maior_preco: 'price DESC, id DESC',
  mais_novos: 'year DESC, id DESC',
  menor_km: 'mileage IS NULL, mileage ASC, id DESC',
});

export const listVeiculosQuery = z
  .strictObject({
    ...pagination,
    marca: line(100).optional(),
    modelo: line(255).optional(),
    ano_min: year.optional(),
    ano_max: year.optional(),
    preco_min: valor.optional(),
    preco_max: valor.optional(),
    /** The storefront shows what is for sale unless asked otherwise. */
    status: z.enum([...VEICULO_STATUSES, 'todos']).default('disponivel'),
    ordem: veiculosOrder.field,
  })
  .refine((query) => query.preco_min === undefined || query.preco_max === undefined || query.preco_min <= query.preco_max, {
    message: 'preco_min maior que preco_max',
    path: ['preco_min'],
  });
export type ListVeiculosQuery = z.infer<typeof listVeiculosQuery>;
