import { formatBRL, formatKm } from '../../shared/format';
import type { Veiculo } from '../catalogue-types';
import { Ficha } from '../Ficha';
import { ItemCard } from '../ItemCard';
import { COMMON_SORTS, PRICE_FILTERS, type VerticalUi } from '../vertical-ui';

const anoDe = (v: Veiculo) => (v.ano_modelo && v.ano_modelo !== v.ano ? `${v.ano}/${v.ano_modelo}` : String(v.ano));
const tituloDe = (v: Veiculo) => `${v.marca} ${v.modelo}`;

export const carrosUi: VerticalUi<Veiculo> = {
  path: '/veiculos',
  listKey: 'veiculos',
  bookingField: 'veiculo_id',
  bookingTipo: 'test_drive',
  words: {
    singular: 'veículo',
    plural: 'veículos',
    catalogo: 'Carros à venda',
    agendar: 'Agendar test drive',
    agendamento: 'test drive',
    naoEncontrado: 'Veículo não encontrado',
    vendedor: 'vendedor',
  },
  filters: [
    { name: 'marca', label: 'Marca', kind: 'text', placeholder: 'Ex.: Toyota' },
    { name: 'modelo', label: 'Modelo', kind: 'text', placeholder: 'Ex.: Corolla' },
    { name: 'ano_min', label: 'Ano a partir de', kind: 'number', min: 1900, max: 2100 },
    { name: 'ano_max', label: 'Ano até', kind: 'number', min: 1900, max: 2100 },
    ...PRICE_FILTERS,
  ],
  sorts: [...COMMON_SORTS, { value: 'mais_novos', label: 'Mais novos' }, { value: 'menor_km', label: 'Menor quilometragem' }],
  titleOf: (v) => `${tituloDe(v)} ${anoDe(v)}`,
  Card: ({ item }) => (
    <ItemCard
      href={`/veiculos/${item.id}`}
      titulo={tituloDe(item)}
      sobretitulo={anoDe(item)}
      preco={formatBRL(item.preco)}
      fotos={item.fotos}
      detalhes={[formatKm(item.km), item.cambio, item.combustivel, item.cor]}
    />
  ),
  Ficha: ({ item }) => (
    <Ficha
      preco={formatBRL(item.preco)}
      linhas={[
        ['Marca', item.marca],
        ['Modelo', item.modelo],
        ['Ano', anoDe(item)],
        ['Quilometragem', formatKm(item.km)],
        ['Câmbio', item.cambio],
        ['Combustível', item.combustivel],
        ['Cor', item.cor],
      ]}
    />
  ),
};
