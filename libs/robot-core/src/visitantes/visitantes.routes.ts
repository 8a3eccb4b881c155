import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import type { BookingKind } from '../bookings/booking-kind';
import type { ChatService } from '../chat/chat.service';
import type { RobotAccess } from '../robot-access';
import { visitorBookingSchema, visitorChatSchema } from './visitantes.schema';
import type { VisitantesService } from './visitantes.service';
import type { VisitorLimits } from './visitor-limits';
import { visitorOf } from './visitor-session.guard';

const TOO_MANY = 'Acima do limite de mensagens da sessão ou do endereço (VISITANTE_RATE_LIMITED, Retry-After) ou da taxa de chats da loja';

/**
 * The storefront's visitors, with no API key: a session (a signed token the web service keeps in
 * an httpOnly cookie), its conversation with the AI seller, and bookings in its own name.
 */
export function visitantesRoutes(
  access: RobotAccess,
  kind: BookingKind,
  { visitantes, chat, limits }: { visitantes: VisitantesService; chat: ChatService; limits: VisitorLimits },
) {
  const common = { tag: 'Visitantes da loja' };
  return [
    access.newVisitor(
      defineRoute({
        ...common,
        method: 'post',
        path: '/visitante/sessao',
        summary: 'Abre uma sessão de visitante (token de 30 dias, sem chave de API)',
        status: 201,
        guards: [limits.newSession],
        errors: { 429: 'Muitas sessões abertas a partir deste endereço (VISITANTE_RATE_LIMITED, Retry-After) ou acima da taxa de chats' },
        handle: ({ req }) => visitantes.open(tenantOf(req)),
      }),
    ),
    access.visitor(
      defineRoute({
        ...common,
        method: 'get',
        path: '/visitante/conversa',
        summary: 'A conversa aberta do visitante (as 100 mensagens mais recentes) e o nome e telefone que deu',
        handle: ({ req }) => visitantes.conversation(tenantOf(req), visitorOf(req).visitanteId),
      }),
    ),
    access.visitor(
      defineRoute({
        ...common,
        method: 'post',
        path: '/visitante/chat',
        summary: 'Mensagem do visitante → resposta do vendedor IA (conta 1 mensagem + tokens do plano, como POST /chat)',
        body: visitorChatSchema,
        guards: [limits.message],
        errors: { 429: `Limite mensal do plano atingido (QUOTA_EXCEEDED), ou ${TOO_MANY}`, 503: 'IA indisponível (nada é cobrado)' },
        handle: async ({ req, body }) => {
          const { nome, telefone } = body;
          const customer = visitantes.chatCustomer(visitorOf(req).visitanteId, { nome, telefone });
          const { resposta, conversa_id } = await chat.reply(tenantOf(req), customer, body);
          return { resposta, conversa_id };
        },
      }),
    ),
    access.visitor(
      defineRoute({
        ...common,
        method: 'post',
        path: '/visitante/agendamentos',
        summary: `Marca em nome do visitante (${kind.item.field}, nome, telefone), de hoje a dois anos, em horários cheios ou meias horas`,
        body: visitorBookingSchema(kind),
        status: 201,
        guards: [limits.message],
        errors: { 409: 'Horário já reservado (SLOT_TAKEN)', 429: TOO_MANY },
        handle: ({ req, body }) => visitantes.book(tenantOf(req), visitorOf(req).visitanteId, body.contato, body.reserva),
      }),
    ),
  ];
}
