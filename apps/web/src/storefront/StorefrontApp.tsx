import { useEffect, useRef, type ReactNode } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { Logo } from '../shared/Logo';
import { useLoja } from '../shared/loja';
import { useDocumentTitle } from '../shared/use-document-title';
import { CataloguePage } from './CataloguePage';
import { ChatWidget } from './chat/ChatWidget';
import { DetailPage } from './DetailPage';
import { verticalUiOf } from './verticals';
import './storefront.css';

/** The public store: catalogue and detail pages under the store's header, the AI seller's chat on every page. */
export function StorefrontApp() {
  const loja = useLoja();
  const ui = verticalUiOf(loja.vertical);
  return (
    <BrowserRouter>
      <StoreLayout>
        <Routes>
          <Route path="/" element={<CataloguePage />} />
          <Route path={`${ui.path}/:id`} element={<DetailPage />} />
          <Route path="*" element={<PageNotFound />} />
        </Routes>
      </StoreLayout>
      <ChatWidget nomeLoja={loja.nome} vendedor={ui.words.vendedor} />
    </BrowserRouter>
  );
}

function StoreLayout({ children }: { children: ReactNode }) {
  const loja = useLoja();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  // A client-side move to another page starts at its top, with the focus on its content (as a page load would).
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <div className="loja">
      <a href="#conteudo" className="pular">
        Pular para o conteúdo
      </a>
      <header className="loja__topo">
        <Link to="/" className="loja__marca">
          <Logo nome={loja.nome} logoUrl={loja.logo_url} />
          <span className="loja__nome">{loja.nome}</span>
        </Link>
      </header>
      <main id="conteudo" ref={mainRef} className="loja__conteudo" tabIndex={-1}>
        {children}
      </main>
      <footer className="loja__rodape">
        <p>
          {loja.nome} · atendimento com assistente virtual · <a href="/painel">Área da equipe</a>
        </p>
      </footer>
    </div>
  );
}

function PageNotFound() {
  useDocumentTitle('Página não encontrada');
  return (
    <div className="detalhe">
      <h1>Página não encontrada</h1>
      <p>
        Este endereço não existe nesta loja. <Link to="/">Ver o catálogo</Link>
      </p>
    </div>
  );
}
