import { formatArea, formatBRL } from '../../shared/format';
import type { Finalidade, Imovel, ImovelTipo } from '../catalogue-types';
import { Ficha } from '../Ficha';
import { ItemCard } from '../ItemCard';
import { COMMON_SORTS, PRICE_FILTERS, type VerticalUi } from '../vertical-ui';

const TIPOS: Record<ImovelTipo, string> = { casa: 'Casa', apartamento: 'Apartamento', terreno: 'Terreno', comercial: 'Comercial' };
const FINALIDADES: Record<Finalidade, string> = { venda: 'Venda', aluguel: 'Aluguel' };

const plural = (n: number | null, um: string, varios: string) => (n === null ? null : `${n} ${n === 1 ? um : varios}`);
const localDe = (i: Imovel) => [i.bairro, [i.cidade, i.uf].filter(Boolean).join('/')].filter(Boolean).join(', ') || null;
const precoNotaDe = (i: Imovel) => (i.finalidade === 'aluguel' && i.preco !== null ? '/mês' : null);

export const imoveisUi: VerticalUi<Imovel> = {
  path: '/imoveis',
  listKey: 'imoveis',
  bookingField: 'imovel_id',
  words: {
    singular: 'imóvel',
    plural: 'imóveis',
    catalogo: 'Imóveis disponíveis',
    agendar: 'Agendar visita',
    agendamento: 'visita',
    naoEncontrado: 'Imóvel não encontrado',
    vendedor: 'corretor',
  },
  filters: [
    {
      name: 'tipo',
      label: 'Tipo',
      kind: 'select',
      options: Object.entries(TIPOS).map(([value, label]) => ({ value, label })),
    },
    {
      name: 'finalidade',
      label: 'Finalidade',
      kind: 'select',
      options: Object.entries(FINALIDADES).map(([value, label]) => ({ value, label })),
    },
    { name: 'bairro', label: 'Bairro', kind: 'text' },
    { name: 'cidade', label: 'Cidade', kind: 'text' },
    {
      name: 'quartos_min',
      label: 'Quartos',
      kind: 'select',
      options: [1, 2, 3, 4].map((n) => ({ value: String(n), label: `${n} ou mais` })),
    },
    ...PRICE_FILTERS,
  ],
  sorts: [...COMMON_SORTS, { value: 'maior_area', label: 'Maior área' }],
  titleOf: (i) => i.titulo,
  Card: ({ item }) => (
    <ItemCard
      href={`/imoveis/${item.id}`}
      titulo={item.titulo}
      sobretitulo={`${TIPOS[item.tipo] ?? item.tipo} · ${FINALIDADES[item.finalidade] ?? item.finalidade}`}
      preco={formatBRL(item.preco)}
      precoNota={precoNotaDe(item)}
      fotos={item.fotos}
      detalhes={[localDe(item), plural(item.quartos, 'quarto', 'quartos'), formatArea(item.area_m2), plural(item.vagas, 'vaga', 'vagas')]}
    />
  ),
  Ficha: ({ item }) => (
    <Ficha
      preco={formatBRL(item.preco)}
      precoNota={precoNotaDe(item)}
      linhas={[
        ['Tipo', TIPOS[item.tipo] ?? item.tipo],
        ['Finalidade', FINALIDADES[item.finalidade] ?? item.finalidade],
        ['Endereço', item.endereco],
        ['Localização', localDe(item)],
        ['Área', formatArea(item.area_m2)],
        ['Quartos', item.quartos === null ? null : String(item.quartos)],
        ['Banheiros', item.banheiros === null ? null : String(item.banheiros)],
        ['Vagas', item.vagas === null ? null : String(item.vagas)],
        ['Condomínio', item.condominio === null || item.condominio === undefined ? null : `${formatBRL(item.condominio)}/mês`],
      ]}
    />
  ),
};
