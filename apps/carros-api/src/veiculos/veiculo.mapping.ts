import type { VeiculoStatus } from '@helix/contracts';

/**
 * The seed's `cars` table speaks English; the API speaks the seed's Portuguese. This is the one
 * place where the two meet (columns and status values).
 */
export const VEICULO_COLUMNS = {
  marca: 'brand',
  modelo: 'model',
  ano: 'year',
  ano_modelo: 'year_model',
  preco: 'price',
  km: 'mileage',
  cor: 'color',
  combustivel: 'fuel_type',
  cambio: 'transmission',
  descricao: 'description',
  status: 'status',
} as const;

export type VeiculoField = keyof typeof VEICULO_COLUMNS;

export type { VeiculoStatus };
export const VEICULO_STATUSES = ['disponivel', 'reservado', 'vendido'] as const satisfies readonly VeiculoStatus[];

const STATUS_TO_DB: Record<VeiculoStatus, string> = { disponivel: 'available', reservado: 'reserved', vendido: 'sold' };
const STATUS_FROM_DB: Record<string, VeiculoStatus> = { available: 'disponivel', reserved: 'reservado', sold: 'vendido' };

export const statusToDb = (status: VeiculoStatus) => STATUS_TO_DB[status];
export const statusFromDb = (status: string): VeiculoStatus => STATUS_FROM_DB[status] ?? 'disponivel';

/** `brand AS marca, …` for SELECTs. */
export const SELECT_VEICULO = ['id', ...Object.entries(VEICULO_COLUMNS).map(([field, column]) => `${column} AS ${field}`)].join(', ');
