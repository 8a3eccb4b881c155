import { render } from '@testing-library/react';
import { App } from '../App';
import type { Loja } from '../shared/loja';

/** The whole app as a store's visitor opens it at `url` (path and query) on the store's host. */
export function renderStore(url: string) {
  window.history.pushState({}, '', url);
  return render(<App hostname="garage-alpha.localhost" pathname={window.location.pathname} />);
}

export const lojaRoute = (loja: Loja) => ({ 'GET /loja': { body: loja } });
