import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import type { ClientesRepository } from '../clientes/clientes.repository';
import type { RobotAccess } from '../robot-access';
import { customerByPhone } from './chat-customer';
import { chatSchema } from './chat.schema';
import type { ChatService } from './chat.service';

export function chatRoutes(access: RobotAccess, chat: ChatService, clientes: ClientesRepository) {
  return [
    access.chat(
      defineRoute({
        method: 'post',
        path: '/chat',
        tag: 'Chat',
        summary: 'Mensagem do cliente final → resposta do vendedor IA (conta 1 mensagem + tokens do plano)',
        body: chatSchema,
        errors: {
          429: 'Limite mensal do plano atingido (QUOTA_EXCEEDED, nenhuma chamada à IA) ou acima da taxa de chats (RATE_LIMITED)',
          503: 'IA indisponível (nada é cobrado)',
        },
        handle: ({ req, body }) => chat.reply(tenantOf(req), customerByPhone(clientes, body.telefone, body.nome ?? null), body),
      }),
    ),
  ];
}
