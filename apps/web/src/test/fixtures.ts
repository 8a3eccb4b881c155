import type { Loja } from '../shared/loja';
import type { Imovel, Veiculo } from '../storefront/catalogue-types';

export const carrosLoja: Loja = {
  tenant_key: 'garage_alpha',
  nome: 'Feirão ShowCar',
  vertical: 'carros',
  status_loja: 'aberta',
  logo_url: null,
  cor_primaria: '#ffd400',
};

export const imoveisLoja: Loja = {
  ...carrosLoja,
  tenant_key: 'imob_beta',
  nome: 'Imobiliária Beta',
  vertical: 'imoveis',
  cor_primaria: null,
};

export function veiculo(overrides: Partial<Veiculo> = {}): Veiculo {
  return {
    id: 1,
    marca: 'Toyota',
    modelo: 'Corolla XEi',
    ano: 2021,
    ano_modelo: 2022,
    preco: 115900,
    km: 32000,
    cor: 'Prata',
    combustivel: 'Flex',
    cambio: 'Automático',
    descricao: 'Único dono, revisões na concessionária.',
    status: 'disponivel',
    fotos: [],
    ...overrides,
  };
}

export function imovel(overrides: Partial<Imovel> = {}): Imovel {
  return {
    id: 7,
    titulo: 'Apartamento com varanda',
    tipo: 'apartamento',
    finalidade: 'aluguel',
    endereco: 'Rua das Flores, 100',
    bairro: 'Centro',
    cidade: 'Campinas',
    uf: 'SP',
    quartos: 2,
    banheiros: 1,
    vagas: 1,
    area_m2: 68.5,
    preco: 2500,
    condominio: 450,
    descricao: null,
    status: 'disponivel',
    fotos: [],
    ...overrides,
  };
}

export const fotos = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, url: `https://cdn.example.com/foto-${i + 1}.jpg`, ordem: i, principal: i === 0 }));
