import { CatalogueTableRepository, containsPattern, SqlFilters, writableColumns, type PhotosRepository } from '@helix/robot-core';
import type { Imovel } from '@helix/contracts';
import { IMOVEL_FIELDS, SELECT_IMOVEL } from './imovel.mapping';
import { imoveisOrder, type CreateImovelInput, type ListImoveisQuery, type UpdateImovelInput } from './imoveis.schema';

const writable = writableColumns(IMOVEL_FIELDS);

/** The tenant's properties (`imoveis`), each with its photos; every query on the connection it is given. */
export class ImoveisRepository extends CatalogueTableRepository<Imovel, ListImoveisQuery, CreateImovelInput, UpdateImovelInput> {
  constructor(photos: PhotosRepository) {
    super({
      table: 'imoveis',
      select: SELECT_IMOVEL,
      writable,
      filters: (query) =>
        new SqlFilters()
          .when(query.status === 'todos' ? undefined : query.status, 'status = ?')
          .when(query.tipo, 'tipo = ?')
          .when(query.finalidade, 'finalidade = ?')
          .when(query.bairro, 'bairro LIKE ?', query.bairro && containsPattern(query.bairro))
          .when(query.cidade, 'cidade LIKE ?', query.cidade && containsPattern(query.cidade))
          .when(query.quartos_min, 'quartos >= ?')
          .when(query.area_min, 'area_m2 >= ?')
          .when(query.preco_min, 'preco >= ?')
          .when(query.preco_max, 'preco <= ?'),
      orderBy: (query) => imoveisOrder.orderBy(query.ordem),
      toItems: (db, rows) => photos.attachTo(db, rows as Omit<Imovel, 'fotos'>[]),
    });
  }
}
