/** The robots' catalogue answers (carros-api `/veiculos`, imoveis-api `/imoveis`), as the storefront reads them. */

export interface Foto {
  id: number;
  url: string;
  ordem: number;
  principal: boolean;
}

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
  status: 'disponivel' | 'reservado' | 'vendido';
  fotos: Foto[];
}

export type ImovelTipo = 'casa' | 'apartamento' | 'terreno' | 'comercial';
export type Finalidade = 'venda' | 'aluguel';

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
  area_m2: number | string | null;
  preco: number | string | null;
  condominio: number | string | null;
  descricao: string | null;
  status: 'disponivel' | 'reservado' | 'vendido' | 'alugado';
  fotos: Foto[];
}

export interface CatalogueItem {
  id: number;
  fotos: Foto[];
  descricao: string | null;
}

/** `GET /veiculos` → `{veiculos: […], paginacao}`; `GET /imoveis` → `{imoveis: […], paginacao}`. */
export interface Paginacao {
  page: number;
  per_page: number;
  total: number;
}
