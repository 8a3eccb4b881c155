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

export const IMOVEL_TIPOS = ['casa', 'apartamento', 'terreno', 'comercial'] as const;
export type ImovelTipo = (typeof IMOVEL_TIPOS)[number];

export const FINALIDADES = ['venda', 'aluguel'] as const;
export type Finalidade = (typeof FINALIDADES)[number];

export const IMOVEL_STATUSES = ['disponivel', 'reservado', 'vendido', 'alugado'] as const;
export type ImovelStatus = (typeof IMOVEL_STATUSES)[number];

export const SELECT_IMOVEL = ['id', ...IMOVEL_FIELDS].join(', ');
