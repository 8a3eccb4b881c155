import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { DataTable } from '../backoffice/DataTable';
import { LoadNotice } from '../backoffice/LoadNotice';
import { Options, SelectField, TextField } from '../backoffice/Field';
import { PageHeadingBar } from '../backoffice/PageHeading';
import { Pagination } from '../backoffice/Pagination';
import { useResource } from '../backoffice/use-resource';
import { useUrlParams } from '../backoffice/use-url-params';
import { useAdmin } from './admin-context';
import { TENANT_STATUS_LABEL, VERTICAL_LABEL, type Page, type Tenant } from './console-types';

const PER_PAGE = 25;

/** Tenants, filtered by vertical and status and searched by key or name; the filters live in the URL. */
export function TenantsPage() {
  const { canWrite } = useAdmin();
  const { params, change } = useUrlParams();
  const filters = {
    busca: params.get('busca') ?? '',
    robo_tipo: params.get('robo_tipo') ?? '',
    status: params.get('status') ?? '',
    page: Number(params.get('page')) || 1,
  };
  const [busca, setBusca] = useState(filters.busca);
  const key = params.toString();
  const tenants = useResource((signal) => api<Page<Tenant>>('/tenants', { query: { ...filters, per_page: PER_PAGE }, signal }), [key]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    change('busca', busca.trim());
  };

  return (
    <>
      <PageHeadingBar
        title="Clientes"
        suffix="Console VendeAI"
        newItem={canWrite ? { to: '/clientes/novo', label: 'Novo cliente' } : undefined}
      />
      <div className="bo-filtros">
        <form role="search" onSubmit={search} className="bo-filtros__busca">
          <TextField label="Buscar por chave ou nome" type="search" value={busca} onChange={(e) => setBusca(e.target.value)} />
          <button type="submit" className="botao">
            Buscar
          </button>
        </form>
        <SelectField label="Vertical" value={filters.robo_tipo} onChange={(e) => change('robo_tipo', e.target.value)}>
          <option value="">Todas</option>
          <Options choices={VERTICAL_LABEL} />
        </SelectField>
        <SelectField label="Situação" value={filters.status} onChange={(e) => change('status', e.target.value)}>
          <option value="">Ativos e suspensos</option>
          <option value="active">{TENANT_STATUS_LABEL.active}</option>
          <option value="suspended">{TENANT_STATUS_LABEL.suspended}</option>
        </SelectField>
      </div>
      <LoadNotice resource={tenants} />
      {tenants.data && (
        <>
          <p role="status" className="contagem">
            {tenants.data.total === 1 ? '1 cliente' : `${tenants.data.total} clientes`}
          </p>
          <DataTable
            caption="Clientes da plataforma"
            columns={['Nome', 'Chave', 'Vertical', 'Situação', 'Domínio', 'Criado em']}
            rows={tenants.data.data}
            row={(tenant) => (
              <tr key={tenant.tenant_key}>
                <th scope="row">
                  <Link to={`/clientes/${tenant.tenant_key}`}>{tenant.nome}</Link>
                </th>
                <td>
                  <code>{tenant.tenant_key}</code>
                </td>
                <td>{VERTICAL_LABEL[tenant.robo_tipo]}</td>
                <td>
                  <span className={`bo-selo bo-selo--${tenant.status}`}>{TENANT_STATUS_LABEL[tenant.status]}</span>
                </td>
                <td>{tenant.dominio ?? '—'}</td>
                <td>{formatDateTime(tenant.criado_em)}</td>
              </tr>
            )}
            empty="Nenhum cliente com esses filtros."
          />
          <Pagination page={filters.page} perPage={PER_PAGE} total={tenants.data.total} onPage={(page) => change('page', String(page))} />
        </>
      )}
    </>
  );
}
