import { decimalOf, moneyText, wholeNumberOf } from '../backoffice/numbers';
import type { Vertical } from '../shared/loja';

/** One input of the item form; `name` is the robot's field. */
export interface ItemField {
  name: string;
  label: string;
  kind: 'text' | 'integer' | 'decimal' | 'money' | 'select' | 'textarea';
  required?: boolean;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  hint?: string;
}

/** What differs between the car and real-estate back-offices: paths, words and the item's fields. */
export interface PainelVertical {
  /** Robot path of the inventory: `/veiculos`, `/imoveis`. */
  path: string;
  listKey: 'veiculos' | 'imoveis';
  bookingsPath: '/agendamentos' | '/visitas';
  bookingsKey: 'agendamentos' | 'visitas';
  itemField: 'veiculo_id' | 'imovel_id';
  words: { singular: string; plural: string; novo: string; agendamentos: string };
  fields: ItemField[];
  soldStatus: string;
  statuses: { value: string; label: string }[];
  titleOf(item: Record<string, unknown>): string;
}

/** A required choice among fixed options. */
const choice = (name: string, label: string, options: { value: string; label: string }[]): ItemField => ({
  name,
  label,
  kind: 'select',
  required: true,
  options,
});
const status = (statuses: { value: string; label: string }[]) => choice('status', 'Situação', statuses);

const CARRO_STATUSES = [
  { value: 'disponivel', label: 'Disponível' },
  { value: 'reservado', label: 'Reservado' },
  { value: 'vendido', label: 'Vendido' },
];
const IMOVEL_STATUSES = [...CARRO_STATUSES, { value: 'alugado', label: 'Alugado' }];

export const PAINEL_VERTICALS: Record<Vertical, PainelVertical> = {
  carros: {
    path: '/veiculos',
    listKey: 'veiculos',
    bookingsPath: '/agendamentos',
    bookingsKey: 'agendamentos',
    itemField: 'veiculo_id',
    words: { singular: 'veículo', plural: 'Veículos', novo: 'Novo veículo', agendamentos: 'Agendamentos' },
    soldStatus: 'vendido',
    statuses: CARRO_STATUSES,
    titleOf: (item) => `${item.marca} ${item.modelo} ${item.ano}`,
    fields: [
      { name: 'marca', label: 'Marca', kind: 'text', required: true, max: 100 },
      { name: 'modelo', label: 'Modelo', kind: 'text', required: true, max: 255 },
      { name: 'ano', label: 'Ano de fabricação', kind: 'integer', required: true, min: 1900, max: 2100 },
      { name: 'ano_modelo', label: 'Ano do modelo', kind: 'integer', min: 1900, max: 2100 },
      { name: 'preco', label: 'Preço (R$)', kind: 'money', required: true, hint: 'Ex.: 85.000,00' },
      { name: 'km', label: 'Quilometragem', kind: 'integer', min: 0, max: 10_000_000 },
      { name: 'cor', label: 'Cor', kind: 'text', max: 50 },
      { name: 'combustivel', label: 'Combustível', kind: 'text', max: 50 },
      { name: 'cambio', label: 'Câmbio', kind: 'text', max: 50 },
      { name: 'descricao', label: 'Descrição', kind: 'textarea', max: 10_000 },
      status(CARRO_STATUSES),
    ],
  },
  imoveis: {
    path: '/imoveis',
    listKey: 'imoveis',
    bookingsPath: '/visitas',
    bookingsKey: 'visitas',
    itemField: 'imovel_id',
    words: { singular: 'imóvel', plural: 'Imóveis', novo: 'Novo imóvel', agendamentos: 'Visitas' },
    soldStatus: 'vendido',
    statuses: IMOVEL_STATUSES,
    titleOf: (item) => String(item.titulo),
    fields: [
      { name: 'titulo', label: 'Título', kind: 'text', required: true, max: 255 },
      choice('tipo', 'Tipo', [
        { value: 'casa', label: 'Casa' },
        { value: 'apartamento', label: 'Apartamento' },
        { value: 'terreno', label: 'Terreno' },
        { value: 'comercial', label: 'Comercial' },
      ]),
      choice('finalidade', 'Finalidade', [
        { value: 'venda', label: 'Venda' },
        { value: 'aluguel', label: 'Aluguel' },
      ]),
      { name: 'preco', label: 'Preço (R$)', kind: 'money', required: true },
      { name: 'condominio', label: 'Condomínio (R$)', kind: 'money' },
      { name: 'endereco', label: 'Endereço', kind: 'text', max: 255 },
      { name: 'bairro', label: 'Bairro', kind: 'text', max: 120 },
      { name: 'cidade', label: 'Cidade', kind: 'text', max: 120 },
      { name: 'uf', label: 'UF', kind: 'text', max: 2, hint: 'Ex.: SP' },
      { name: 'quartos', label: 'Quartos', kind: 'integer', min: 0, max: 1000 },
      { name: 'banheiros', label: 'Banheiros', kind: 'integer', min: 0, max: 1000 },
      { name: 'vagas', label: 'Vagas', kind: 'integer', min: 0, max: 1000 },
      { name: 'area_m2', label: 'Área (m²)', kind: 'decimal', min: 0 },
      { name: 'descricao', label: 'Descrição', kind: 'textarea', max: 10_000 },
      status(IMOVEL_STATUSES),
    ],
  },
};

export type ItemForm = Record<string, string>;

/** The form's text for an item (empty strings for a new one; the first option for selects). */
export function itemFormOf(vertical: PainelVertical, item?: Record<string, unknown>): ItemForm {
  const form: ItemForm = {};
  for (const field of vertical.fields) {
    const value = item?.[field.name];
    if (value === null || value === undefined) form[field.name] = field.kind === 'select' && field.required ? field.options![0].value : '';
    else form[field.name] = field.kind === 'money' ? moneyText(value as number) : String(value);
  }
  return form;
}

/**
 * The body for the robot, or the problems by field. New items leave empty optional fields out; edits
 * send them as null (cleared).
 */
export function itemBodyOf(
  vertical: PainelVertical,
  form: ItemForm,
  mode: 'create' | 'update',
): { problems: Record<string, string>; body?: Record<string, unknown> } {
  const problems: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const field of vertical.fields) {
    const text = (form[field.name] ?? '').trim();
    if (!text) {
      if (field.required) problems[field.name] = 'Campo obrigatório.';
      else if (mode === 'update') body[field.name] = null;
      continue;
    }
    const value = valueOf(field, text);
    if (typeof value === 'object') problems[field.name] = value.problem;
    else body[field.name] = value;
  }
  return Object.keys(problems).length > 0 ? { problems } : { problems, body };
}

function valueOf(field: ItemField, text: string): string | number | { problem: string } {
  switch (field.kind) {
    case 'integer': {
      const value = wholeNumberOf(text);
      if (value === null) return { problem: 'Use um número inteiro.' };
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
        return { problem: `Use um valor entre ${field.min} e ${field.max}.` };
      return value;
    }
    case 'money':
    case 'decimal': {
      const value = decimalOf(text);
      return value === null
        ? { problem: field.kind === 'money' ? 'Informe um valor em reais, ex.: 85.000,00.' : 'Use um número, ex.: 72,5.' }
        : value;
    }
    default:
      if (field.max !== undefined && text.length > field.max) return { problem: `Use no máximo ${field.max} caracteres.` };
      return field.name === 'uf' ? text.toUpperCase() : text;
  }
}
