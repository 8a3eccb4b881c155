import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { SelectField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { Pagination } from '../backoffice/Pagination';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { SUFFIX, usePainel } from './painel-context';
import { BOOKING_STATUS_LABEL, type Booking, type BookingStatus, type Paginacao } from './painel-types';

const PER_PAGE = 25;
const TIPO_LABEL: Record<string, string> = { test_drive: 'Test drive', visita: 'Visita', entrega: 'Entrega' };

/** Test drives (carros) or visits (imóveis): confirm or cancel. */
export function BookingsPage() {
  const { vertical } = usePainel();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const page = Number(params.get('page')) || 1;
  const bookings = useResource(
    (signal) =>
      api<Record<string, unknown> & { paginacao: Paginacao }>(vertical.bookingsPath, {
        query: { status, page, per_page: PER_PAGE },
        signal,
      }),
    [vertical.bookingsPath, status, page],
  );
  const action = useAction();
  const list = (bookings.data?.[vertical.bookingsKey] as Booking[] | undefined) ?? [];

  const setBookingStatus = async (booking: Booking, next: BookingStatus) => {
    if (await action.run(() => api(`${vertical.bookingsPath}/${booking.id}`, { method: 'PATCH', body: { status: next } })))
      bookings.reload();
  };
  const change = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next);
  };

  return (
    <>
      <PageHeading title={vertical.words.agendamentos} suffix={SUFFIX}>
        {vertical.words.agendamentos}
      </PageHeading>
      <div className="bo-filtros">
        <SelectField label="Situação" value={status} onChange={(e) => change('status', e.target.value)}>
          <option value="">Todas</option>
          {Object.entries(BOOKING_STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={bookings.error ?? action.error} />
      {!bookings.data && !bookings.error && <Loading />}
      {bookings.data && (
        <>
          <div className="tabela-rolagem">
            <table className="tabela">
              <caption className="sr-only">{vertical.words.agendamentos}</caption>
              <thead>
                <tr>
                  <th scope="col">Quando</th>
                  <th scope="col">{vertical.words.singular[0].toUpperCase() + vertical.words.singular.slice(1)}</th>
                  <th scope="col">Cliente</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Observações</th>
                  <th scope="col">Situação</th>
                  <th scope="col">Ações</th>
                </tr>
              </thead>
              <tbody>
                {list.map((booking) => {
                  const itemId = booking[vertical.itemField];
                  const when = formatDateTime(booking.data_agendada);
                  return (
                    <tr key={booking.id}>
                      <th scope="row">{when}</th>
                      <td>{itemId ? <Link to={`/painel/catalogo/${itemId}`}>Nº {itemId}</Link> : '—'}</td>
                      <td>
                        <Link to={`/painel/clientes?cliente=${booking.cliente_id}`}>Cliente nº {booking.cliente_id}</Link>
                      </td>
                      <td>{booking.tipo ? (TIPO_LABEL[booking.tipo] ?? booking.tipo) : '—'}</td>
                      <td>{booking.observacoes ?? '—'}</td>
                      <td>{BOOKING_STATUS_LABEL[booking.status]}</td>
                      <td className="acoes">
                        {booking.status === 'pendente' && (
                          <button
                            type="button"
                            className="botao botao--primario"
                            disabled={action.busy}
                            onClick={() => setBookingStatus(booking, 'confirmado')}
                            aria-label={`Confirmar ${when}`}
                          >
                            Confirmar
                          </button>
                        )}
                        {(booking.status === 'pendente' || booking.status === 'confirmado') && (
                          <button
                            type="button"
                            className="botao botao--perigo"
                            disabled={action.busy}
                            onClick={() => setBookingStatus(booking, 'cancelado')}
                            aria-label={`Cancelar ${when}`}
                          >
                            Cancelar
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {list.length === 0 && <p>Nenhum agendamento com essa situação.</p>}
          <Pagination page={page} perPage={PER_PAGE} total={bookings.data.paginacao.total} onPage={(p) => change('page', String(p))} />
        </>
      )}
    </>
  );
}
