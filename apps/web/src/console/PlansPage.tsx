import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { formatBRL } from '../shared/format';
import { DataTable } from '../backoffice/DataTable';
import { LoadNotice } from '../backoffice/LoadNotice';
import { PageHeadingBar } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { useAdmin } from './admin-context';
import type { Plano } from './console-types';

const numero = new Intl.NumberFormat('pt-BR');

/** Every plan, active or not; a plan in use can only be deactivated (it stops being offered, subscribers keep it). */
export function PlansPage() {
  const { canWrite } = useAdmin();
  const planos = useResource((signal) => api<{ data: Plano[] }>('/planos', { signal }), []);
  const action = useAction();
  const setActive = async (plano: Plano, ativo: boolean) => {
    if (await action.run(() => api(`/planos/${plano.id}`, { method: 'PATCH', body: { ativo } }))) planos.reload();
  };
  return (
    <>
      <PageHeadingBar
        title="Planos"
        suffix="Console VendeAI"
        newItem={canWrite ? { to: '/planos/novo', label: 'Novo plano' } : undefined}
      />
      <LoadNotice resource={planos} actionError={action.error} />
      {planos.data && (
        <DataTable
          caption="Planos"
          columns={['Plano', 'Preço mensal', 'Mensagens/mês', 'Tokens/mês', 'Situação', ...(canWrite ? ['Ações'] : [])]}
          rows={planos.data.data}
          row={(plano) => (
            <tr key={plano.id}>
              <th scope="row">{plano.nome}</th>
              <td>{formatBRL(plano.preco_mensal / 100)}</td>
              <td>{numero.format(plano.limite_mensagens)}</td>
              <td>{numero.format(plano.limite_tokens)}</td>
              <td>{plano.ativo ? 'Ativo' : 'Desativado'}</td>
              {canWrite && (
                <td className="acoes">
                  <Link to={`/planos/${plano.id}`} className="botao" aria-label={`Editar o plano ${plano.nome}`}>
                    Editar
                  </Link>
                  <button
                    type="button"
                    className="botao"
                    disabled={action.busy}
                    onClick={() => setActive(plano, !plano.ativo)}
                    aria-label={`${plano.ativo ? 'Desativar' : 'Reativar'} o plano ${plano.nome}`}
                  >
                    {plano.ativo ? 'Desativar' : 'Reativar'}
                  </button>
                </td>
              )}
            </tr>
          )}
        />
      )}
    </>
  );
}
