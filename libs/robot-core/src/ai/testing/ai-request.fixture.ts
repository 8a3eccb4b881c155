import type { AiRequest, CatalogueItem } from '../ai-provider';

export const COROLLA: CatalogueItem = {
  id: 7,
  titulo: 'Toyota Corolla XEi 2022',
  detalhes: 'R$ 118.900,00 · 32.000 km · Prata · Automático',
};
export const ONIX: CatalogueItem = { id: 8, titulo: 'Chevrolet Onix LT 2021', detalhes: 'R$ 72.500,00 · 41.000 km · Branco · Manual' };
export const HB20: CatalogueItem = { id: 9, titulo: 'Hyundai HB20 Comfort 2020', detalhes: 'R$ 64.900,00 · 55.000 km · Preto · Manual' };
export const CIVIC: CatalogueItem = { id: 10, titulo: 'Honda Civic EXL 2019', detalhes: 'R$ 109.000,00 · 60.000 km · Cinza · Automático' };
export const KICKS: CatalogueItem = { id: 11, titulo: 'Nissan Kicks SV 2023', detalhes: 'R$ 115.000,00 · 12.000 km · Vermelho · CVT' };

/** A car dealership customer asking for a Corolla, which the tenant has. */
export function aiRequest(overrides: Partial<AiRequest> = {}): AiRequest {
  return {
    vertical: 'carros',
    lojaNome: 'Feirão ShowCar',
    clienteNome: 'João da Silva',
    mensagem: 'Vocês têm Corolla?',
    historico: [
      { role: 'user', content: 'Bom dia!' },
      { role: 'assistant', content: 'Bom dia! Como posso ajudar?' },
    ],
    ofertas: [COROLLA],
    totalEstoque: 42,
    ...overrides,
  };
}
