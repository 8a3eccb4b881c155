/**
 * The robots' catalogue items as their APIs answer them (carros-api `/veiculos`, imoveis-api
 * `/imoveis`, each with its photos): written by the robots' repositories, read by the web app.
 * Types only, so the browser bundle takes nothing from this library.
 */

export interface Foto {
  id: number;
  url: string;
  ordem: number;
  principal: boolean;
}

export type VeiculoStatus = 'disponivel' | 'reservado' | 'vendido';

export interface Veiculo {
  id: number;
  marca: string;
  modelo: string;
  ano: number;
  ano_modelo: number | null;
  preco: number;
  km: number | null;
  cor: string | null;
  combustivel: string | null;
  cambio: string | null;
  descricao: string | null;
  status: VeiculoStatus;
  fotos: Foto[];
}

export type ImovelTipo = 'casa' | 'apartamento' | 'terreno' | 'comercial';
export type Finalidade = 'venda' | 'aluguel';
export type ImovelStatus = 'disponivel' | 'reservado' | 'vendido' | 'alugado';

export interface Imovel {
  id: number;
  titulo: string;
  tipo: ImovelTipo;
  finalidade: Finalidade;
  endereco: string | null;
  bairro: string | null;
  cidade: string | null;
  uf: string | null;
  quartos: number | null;
  banheiros: number | null;
  vagas: number | null;
  area_m2: number | null;
  preco: number | null;
  condominio: number | null;
  descricao: string | null;
  status: ImovelStatus;
  fotos: Foto[];
}
