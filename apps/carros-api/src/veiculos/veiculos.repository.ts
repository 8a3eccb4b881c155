import { CatalogueTableRepository, containsPattern, SqlFilters, writableColumns, type PhotosRepository } from '@helix/robot-core';
import type { Veiculo } from '@helix/contracts';
import { SELECT_VEICULO, statusFromDb, statusToDb, VEICULO_COLUMNS, type VeiculoStatus } from './veiculo.mapping';
import { veiculosOrder, type CreateVeiculoInput, type ListVeiculosQuery, type UpdateVeiculoInput } from './veiculos.schema';

const writable = writableColumns(VEICULO_COLUMNS, (field, value) => (field === 'status' ? statusToDb(value as VeiculoStatus) : value));

/** The tenant's cars (the seed's `cars`), each with its photos; every query on the connection it is given. */
export class VeiculosRepository extends CatalogueTableRepository<Veiculo, ListVeiculosQuery, CreateVeiculoInput, UpdateVeiculoInput> {
  constructor(photos: PhotosRepository) {
    super({
      table: 'cars',
      select: SELECT_VEICULO,
      writable,
      filters: (query) =>
        new SqlFilters()
          .when(query.status === 'todos' ? undefined : statusToDb(query.status), 'status = ?')
          .when(query.marca, 'brand LIKE ?', query.marca && containsPattern(query.marca))
          .when(query.modelo, 'model LIKE ?', query.modelo && containsPattern(query.modelo))
          .when(query.ano_min, 'year >= ?')
          .when(query.ano_max, 'year <= ?')
          .when(query.preco_min, 'price >= ?')
          .when(query.preco_max, 'price <= ?'),
      orderBy: (query) => veiculosOrder.orderBy(query.ordem),
      toItems: (db, rows) =>
        photos.attachTo(
          db,
          rows.map((row) => ({ ...(row as Omit<Veiculo, 'fotos'>), status: statusFromDb(row.status) })),
        ),
    });
  }
}
