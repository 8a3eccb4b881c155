import { Link, useParams } from 'react-router-dom';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { Options, SelectField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { SUFFIX } from './painel-context';
import { CONVERSA_STATUS_LABEL, type Conversa, type ConversaStatus, type Mensagem } from './painel-types';

/** Every message of a conversation, as plain text (visitors' words are never markup), and its status. */
export function ConversationPage() {
  const { id = '' } = useParams();
  const conversa = useResource(
    (signal) => api<Conversa & { mensagens: Mensagem[] }>(`/conversas/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const action = useAction();
  const setStatus = async (status: ConversaStatus) => {
    if (await action.run(() => api(`/conversas/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } }))) conversa.reload();
  };
  if (conversa.error) return <ErrorNotice error={conversa.error} />;
  if (!conversa.data) return <Loading />;
  const c = conversa.data;
  return (
    <>
      <p>
        <Link to={`/painel/clientes?cliente=${c.cliente_id}`}>← Clientes e conversas</Link>
      </p>
      <PageHeading title={`Conversa ${c.id}`} suffix={SUFFIX}>
        Conversa de {formatDateTime(c.criado_em)}
      </PageHeading>
      <div className="bo-filtros">
        <SelectField
          label="Situação da conversa"
          value={c.status}
          disabled={action.busy}
          onChange={(e) => setStatus(e.target.value as ConversaStatus)}
        >
          <Options choices={CONVERSA_STATUS_LABEL} />
        </SelectField>
      </div>
      <ErrorNotice error={action.error} />
      {c.mensagens.length === 0 ? (
        <p>Nenhuma mensagem.</p>
      ) : (
        <ol className="mensagens" aria-label="Mensagens">
          {c.mensagens.map((mensagem) => (
            <li key={mensagem.id} className={`mensagem mensagem--${mensagem.tipo}`}>
              <span className="mensagem__quem">{mensagem.tipo === 'recebida' ? 'Cliente' : 'Vendedor IA'}</span>{' '}
              <time className="mensagem__quando" dateTime={mensagem.enviada_em}>
                {formatDateTime(mensagem.enviada_em)}
              </time>
              <p className="mensagem__texto">{mensagem.conteudo}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
