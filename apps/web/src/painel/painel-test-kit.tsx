import { render } from '@testing-library/react';
import { LojaContext, type Loja } from '../shared/loja';
import { carrosLoja } from '../test/fixtures';
import PainelApp from './PainelApp';
import type { Usuario } from './painel-types';

export const dona: Usuario = { id: 1, email: 'dona@showcar.com.br', nome: 'Dora Dona', papel: 'dono', ativo: true };
export const vendedor: Usuario = { id: 2, email: 'vini@showcar.com.br', nome: 'Vini Vendedor', papel: 'vendedor', ativo: true };

/** The back-office as the shell mounts it: inside the store's LojaContext, with its own router, at `url`. */
export function renderPainel(url: string, loja: Loja = carrosLoja) {
  window.history.pushState({}, '', url);
  return render(
    <LojaContext.Provider value={loja}>
      <PainelApp />
    </LojaContext.Provider>,
  );
}

export const emptyCatalogue = {
  'GET /veiculos': { body: { success: true, veiculos: [], paginacao: { page: 1, per_page: 20, total: 0 } } },
};
