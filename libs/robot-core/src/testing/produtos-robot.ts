import { pagination } from '@helix/http';
import type { RowDataPacket } from 'mysql2/promise';
import { z } from 'zod';
import type { BookingKind } from '../bookings/booking-kind';
import { CatalogueTableRepository } from '../catalogue/catalogue-table';
import { catalogueRoutes } from '../catalogue/catalogue.routes';
import { line, reais } from '../common.schema';
import type { PhotoKind } from '../photos/photo-kind';
import { PhotosRepository, type Foto } from '../photos/photos.repository';
import { formatReais } from '../pt-br-format';
import type { RobotDefinition } from '../robot-app';
import { containsPattern } from '../search-terms';
import { SqlFilters } from '../sql-filters';
import type { VerticalCatalogue } from '../vertical';
import { writableColumns } from '../writable-columns';

/*
 * robot-core's own robot, for its specs: every shared feature around a catalogue of "produtos" (a
 * name and a price) that belongs to no vertical. The master provisions only the verticals' tenant
 * databases, so it stands on a carros tenant's tables (`cars`, `car_images`, `agendamentos`) under
 * names of its own (`/produtos`, `/reservas`, `produto_id`): what is tested is the kinds' mapping,
 * not carros-api's.
 */

const fotosDeProduto: PhotoKind = {
  table: 'car_images',
  fk: 'car_id',
  parentTable: 'cars',
  parentPath: '/produtos',
  parentLabel: 'Produto',
  tag: 'Produtos',
};

const reservas: BookingKind = {
  path: '/reservas',
  tag: 'Reservas',
  label: 'Reserva',
  table: 'agendamentos',
  item: { column: 'car_id', field: 'produto_id', table: 'cars', label: 'Produto', required: true },
  // Fewer than the table allows: what a request may ask for is the kind's to say.
  tipos: ['visita', 'entrega'],
  slotKey: 'uq_agendamento_slot',
};

interface Produto {
  id: number;
  nome: string;
  preco: number;
  fotos: Foto[];
}

const createProduto = z.strictObject({ nome: line(255), preco: reais });
type CreateProduto = z.infer<typeof createProduto>;
const updateProduto = createProduto.partial().refine((body) => Object.keys(body).length > 0, 'informe ao menos um campo');
const listProdutos = z.strictObject({ ...pagination, nome: line(255).optional() });

const writable = writableColumns<keyof CreateProduto>({ nome: 'model', preco: 'price' });
const SELECT_PRODUTO = 'id, model AS nome, price AS preco';
class ProdutosRepository extends CatalogueTableRepository<Produto, z.infer<typeof listProdutos>, CreateProduto, Partial<CreateProduto>> {
  constructor(fotos: PhotosRepository) {
    super({
      table: 'cars',
      select: SELECT_PRODUTO,
      writable,
      filters: (query) => new SqlFilters().when(query.nome, 'model LIKE ?', query.nome && containsPattern(query.nome)),
      orderBy: () => 'id DESC',
      toItems: (db, rows) => fotos.attachTo(db, rows as Omit<Produto, 'fotos'>[]),
    });
  }
}

/** The chat's view: available produtos whose name holds one of the customer's words. */
const produtosCatalogue: VerticalCatalogue = {
  vertical: 'carros',

  async findOffers(db, terms, limit) {
    const rows = await db.query<RowDataPacket[]>(
      `SELECT id, model, price FROM cars WHERE status = 'available' AND (${terms.map(() => 'model LIKE ?').join(' OR ')}) ORDER BY id DESC LIMIT ?`,
      [...terms.map(containsPattern), limit],
    );
    return rows.map((row) => ({ id: row.id, titulo: row.model, detalhes: formatReais(Number(row.price)) }));
  },

  async countAvailable(db) {
    const [row] = await db.query<RowDataPacket[]>(`SELECT COUNT(*) AS total FROM cars WHERE status = 'available'`);
    return Number(row.total);
  },
};

export const produtosRobot: RobotDefinition = {
  service: 'produtos-api',
  version: '0.0.0',
  description: 'robot-core com um catálogo de produtos, para os seus testes',
  catalogue: produtosCatalogue,
  booking: reservas,
  photos: fotosDeProduto,
  routes: (access) =>
    catalogueRoutes(access, {
      path: '/produtos',
      tag: 'Produtos',
      listKey: 'produtos',
      label: 'Produto',
      notFoundCode: 'PRODUTO_NOT_FOUND',
      schemas: { list: listProdutos, create: createProduto, update: updateProduto },
      summaries: {
        list: 'Vitrine',
        one: 'Um produto',
        create: 'Cadastra',
        update: 'Altera',
        remove: 'Remove',
        removeConflict: 'Produto com reservas',
      },
      repository: new ProdutosRepository(new PhotosRepository(fotosDeProduto)),
    }),
};
