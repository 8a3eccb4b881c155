import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatTime } from '../../shared/format';
import { Loading } from '../../shared/Loading';
import { visitorErrorMessage } from '../visitor-errors';
import { loadConversation, sendMessage, type ChatMessage, type Contato } from './chat-api';

const OPEN_KEY = 'helix.chat.aberto';

const readOpen = () => {
  try {
    return sessionStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
};
const saveOpen = (open: boolean) => {
  try {
    sessionStorage.setItem(OPEN_KEY, open ? '1' : '0');
  } catch {
    // Storage refused (private mode): the panel just starts closed after a reload.
  }
};

/** Whether the conversation was fetched; `nao` while the panel is open means it is on its way. */
type Loaded = 'nao' | 'sim' | 'falhou';

/**
 * The AI seller, on every page: a button opening a panel. The conversation is fetched when the panel
 * first opens (and so comes back after a reload); the panel stays open across reloads of the tab.
 * Enter sends, Shift+Enter breaks the line, Esc closes and gives the focus back to the button.
 */
export function ChatWidget({ nomeLoja, vendedor }: { nomeLoja: string; vendedor: string }) {
  const id = useId();
  const [aberto, setAberto] = useState(readOpen);
  const [loaded, setLoaded] = useState<Loaded>('nao');
  const [mensagens, setMensagens] = useState<ChatMessage[]>([]);
  const [contato, setContato] = useState<Contato>({ nome: '', telefone: '' });
  const [texto, setTexto] = useState('');
  const [enviando, setEnviando] = useState(false);
  const [erro, setErro] = useState<string | null>(null);
  const [anuncio, setAnuncio] = useState('');
  const toggleRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const localIds = useRef(0);

  useEffect(() => {
    if (!aberto || loaded !== 'nao') return;
    let current = true;
    loadConversation()
      .then((conversa) => {
        if (!current) return;
        setMensagens(conversa.mensagens);
        setContato(conversa.contato);
        setLoaded('sim');
      })
      .catch((error: unknown) => {
        if (!current) return;
        setErro(visitorErrorMessage(error));
        setLoaded('falhou');
      });
    return () => {
      current = false;
    };
  }, [aberto, loaded]);

  // Opening puts the focus in the message box; closing gives it back to the button (shown again once closed).
  const wasOpen = useRef(aberto);
  useEffect(() => {
    if (aberto) inputRef.current?.focus();
    else if (wasOpen.current) toggleRef.current?.focus();
    wasOpen.current = aberto;
  }, [aberto]);

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [mensagens, aberto]);

  const setOpen = (open: boolean) => {
    setAberto(open);
    saveOpen(open);
    if (open && loaded === 'falhou') {
      setErro(null);
      setLoaded('nao');
    }
  };

  const send = async () => {
    const mensagem = texto.trim();
    // While the conversation is still loading, a message sent now would be wiped by it.
    if (!mensagem || enviando || loaded === 'nao') return;
    const local: ChatMessage = { id: `local-${++localIds.current}`, tipo: 'recebida', conteudo: mensagem, em: new Date().toISOString() };
    setMensagens((list) => [...list, local]);
    setTexto('');
    setErro(null);
    setEnviando(true);
    try {
      const resposta = await sendMessage(mensagem, contato);
      const reply: ChatMessage = { id: `local-${++localIds.current}`, tipo: 'enviada', conteudo: resposta, em: new Date().toISOString() };
      setMensagens((list) => [...list, reply]);
      setAnuncio(`${vendedor} respondeu: ${resposta}`);
    } catch (error) {
      // Not sent: the message goes back to the box, to send again.
      setMensagens((list) => list.filter((m) => m.id !== local.id));
      setTexto(mensagem);
      setErro(visitorErrorMessage(error));
    } finally {
      setEnviando(false);
      inputRef.current?.focus();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onInputKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };
  const onPanelKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      setOpen(false);
    }
  };

  const titulo = `Fale com o ${vendedor}`;
  return (
    <aside className="chat" aria-label="Atendimento on-line">
      {aberto && (
        <section id={`${id}-painel`} className="chat__painel" role="dialog" aria-labelledby={`${id}-titulo`} onKeyDown={onPanelKeyDown}>
          <header className="chat__topo">
            <h2 id={`${id}-titulo`} className="chat__titulo">
              {titulo}
              <span className="chat__subtitulo">{nomeLoja} · assistente virtual</span>
            </h2>
            <button type="button" className="chat__fechar" aria-label="Fechar conversa" onClick={() => setOpen(false)}>
              <span aria-hidden="true">×</span>
            </button>
          </header>
          {loaded === 'nao' ? (
            <Loading texto="Carregando a conversa…" />
          ) : (
            <ol ref={listRef} className="chat__mensagens" aria-label="Mensagens" tabIndex={0}>
              {mensagens.length === 0 && (
                <li className="chat__msg chat__msg--loja">
                  <p>Olá! Como posso ajudar? Pergunte sobre preços, condições ou agende uma visita.</p>
                </li>
              )}
              {mensagens.map((m) => (
                <li key={m.id} className={`chat__msg ${m.tipo === 'recebida' ? 'chat__msg--visitante' : 'chat__msg--loja'}`}>
                  <span className="sr-only">{m.tipo === 'recebida' ? 'Você:' : `${vendedor}:`}</span>
                  <p>{m.conteudo}</p>
                  <time className="chat__hora" dateTime={m.em}>
                    {formatTime(m.em)}
                  </time>
                </li>
              ))}
              {enviando && (
                <li className="chat__msg chat__msg--loja chat__msg--digitando">
                  <p>Digitando…</p>
                </li>
              )}
            </ol>
          )}
          <p className="sr-only" aria-live="polite">
            {anuncio}
          </p>
          {erro && (
            <p className="chat__erro" role="alert">
              {erro}
            </p>
          )}
          <form className="chat__form" onSubmit={onSubmit}>
            <details className="chat__contato">
              <summary>Deixe seu nome e telefone (opcional)</summary>
              <div className="campo">
                <label htmlFor={`${id}-nome`}>Nome</label>
                <input
                  id={`${id}-nome`}
                  autoComplete="name"
                  maxLength={255}
                  value={contato.nome}
                  onChange={(e) => setContato({ ...contato, nome: e.target.value })}
                />
              </div>
              <div className="campo">
                <label htmlFor={`${id}-telefone`}>Telefone (com DDD)</label>
                <input
                  id={`${id}-telefone`}
                  type="tel"
                  autoComplete="tel"
                  inputMode="tel"
                  maxLength={32}
                  value={contato.telefone}
                  onChange={(e) => setContato({ ...contato, telefone: e.target.value })}
                />
              </div>
            </details>
            <label htmlFor={`${id}-texto`} className="sr-only">
              Sua mensagem
            </label>
            <div className="chat__escrever">
              <textarea
                id={`${id}-texto`}
                ref={inputRef}
                rows={2}
                maxLength={4000}
                placeholder="Escreva sua mensagem…"
                aria-describedby={`${id}-dica`}
                value={texto}
                onChange={(e) => setTexto(e.target.value)}
                onKeyDown={onInputKeyDown}
              />
              <button type="submit" className="botao botao--primario" disabled={enviando || !texto.trim() || loaded === 'nao'}>
                Enviar
              </button>
            </div>
            <p id={`${id}-dica`} className="chat__dica">
              Enter envia · Shift+Enter quebra a linha
            </p>
          </form>
        </section>
      )}
      <button
        ref={toggleRef}
        type="button"
        className="chat__botao botao botao--primario"
        aria-expanded={aberto}
        aria-controls={aberto ? `${id}-painel` : undefined}
        onClick={() => setOpen(!aberto)}
      >
        {aberto ? 'Fechar conversa' : titulo}
      </button>
    </aside>
  );
}
