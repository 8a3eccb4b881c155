import type { RobotVertical } from '@helix/contracts';

/** The words each vertical's seller uses, shared by the prompt and the offline responder. */
export interface VerticalTerms {
  /** What the business is: "uma loja de veículos". */
  negocio: string;
  /** Who the robot plays: "vendedor". */
  vendedor: string;
  /** Singular and plural nouns: "veículo", "veículos". */
  item: string;
  itens: string;
  /** One item, with its indefinite article: "um veículo". */
  umItem: string;
  /** The next step a seller proposes: "agendar um test drive". */
  proximoPasso: string;
  /** What a customer can tell to narrow the search. */
  criterios: string;
}

export const VERTICAL_TERMS: Record<RobotVertical, VerticalTerms> = {
  carros: {
    negocio: 'uma loja de veículos',
    vendedor: 'vendedor',
    item: 'veículo',
    itens: 'veículos',
    umItem: 'um veículo',
    proximoPasso: 'agendar um test drive',
    criterios: 'marca, modelo, ano e faixa de preço',
  },
  imoveis: {
    negocio: 'uma imobiliária',
    vendedor: 'corretor de imóveis',
    item: 'imóvel',
    itens: 'imóveis',
    umItem: 'um imóvel',
    proximoPasso: 'agendar uma visita',
    criterios: 'bairro, número de quartos e faixa de preço',
  },
};

/** "1 veículo disponível" / "1.234 veículos disponíveis", so counts read naturally in pt-BR. */
export function availableItems(terms: VerticalTerms, count: number): string {
  return count === 1 ? `1 ${terms.item} disponível` : `${count.toLocaleString('pt-BR')} ${terms.itens} disponíveis`;
}
