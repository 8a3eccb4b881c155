import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { capitalized, formatDateTime } from '../shared/format';
import { DataTable } from '../backoffice/DataTable';
import { LoadNotice } from '../backoffice/LoadNotice';
import { Options, SelectField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { Pagination } from '../backoffice/Pagination';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { useUrlParams } from '../backoffice/use-url-params';
import { SUFFIX, usePainel } from './painel-context';
import { BOOKING_STATUS_LABEL, type Booking, type BookingStatus, type Paginacao } from './painel-types';

const PER_PAGE = 25;
const TIPO_LABEL: Record<string, string> = { test_drive: 'Test drive', visita: 'Visita', entrega: 'Entrega' };

/** Test drives (carros) or visits (imóveis): confirm or cancel. */
export function BookingsPage() {
  const { vertical } = usePainel();
  const { params, change } = useUrlParams();
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

  return (
    <>
      <PageHeading title={vertical.words.agendamentos} suffix={SUFFIX}>
        {vertical.words.agendamentos}
      </PageHeading>
      <div className="bo-filtros">
        <SelectField label="Situação" value={status} onChange={(e) => change('status', e.target.value)}>
          <option value="">Todas</option>
          <Options choices={BOOKING_STATUS_LABEL} />
        </SelectField>
      </div>
      <LoadNotice resource={bookings} actionError={action.error} />
      {bookings.data && (
        <>
          <DataTable
            caption={vertical.words.agendamentos}
            columns={['Quando', capitalized(vertical.words.singular), 'Cliente', 'Tipo', 'Observações', 'Situação', 'Ações']}
            rows={list}
            row={(booking) => {
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
            }}
            empty="Nenhum agendamento com essa situação."
          />
          <Pagination page={page} perPage={PER_PAGE} total={bookings.data.paginacao.total} onPage={(p) => change('page', String(p))} />
        </>
      )}
    </>
  );
}
