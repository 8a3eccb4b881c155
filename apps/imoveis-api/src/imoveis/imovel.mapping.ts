import type { Finalidade, ImovelStatus, ImovelTipo } from '@helix/contracts';

/**
 * The `imoveis` table already speaks the API's Portuguese, so fields and columns share names; this
 * list is the only source of column names that SQL is built from.
 */
export const IMOVEL_FIELDS = [
  'titulo',
  'tipo',
  'finalidade',
  'endereco',
  'bairro',
  'cidade',
  'uf',
  'quartos',
  'banheiros',
  'vagas',
  'area_m2',
  'preco',
  'condominio',
  'descricao',
  'status',
] as const;
export type ImovelField = (typeof IMOVEL_FIELDS)[number];

export type { Finalidade, ImovelStatus, ImovelTipo };
export const IMOVEL_TIPOS = ['casa', 'apartamento', 'terreno', 'comercial'] as const satisfies readonly ImovelTipo[];
export const FINALIDADES = ['venda', 'aluguel'] as const satisfies readonly Finalidade[];
export const IMOVEL_STATUSES = ['disponivel', 'reservado', 'vendido', 'alugado'] as const satisfies readonly ImovelStatus[];

export const SELECT_IMOVEL = ['id', ...IMOVEL_FIELDS].join(', ');
