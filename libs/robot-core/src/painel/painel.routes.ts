import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import type { RobotAccess } from '../robot-access';
import { lojaLookSchema } from './painel.schema';
import type { PainelService } from './painel.service';

/** The store's back office beyond its catalogue: the store's look (owner) and this month's usage. */
export function painelRoutes(access: RobotAccess, painel: PainelService) {
  const common = { tag: 'Painel da loja' };
  return [
    access.owner(
      defineRoute({
        ...common,
        method: 'patch',
        path: '/loja',
        summary: 'Muda o nome, o logo (https:// ou /fotos/…) ou a cor principal (#rrggbb) da loja; vale na vitrine em segundos',
        body: lojaLookSchema,
        errors: {
          400: 'Valor recusado (logo ou cor inválidos)',
          401: 'Sem sessão da equipe',
          403: 'Só o dono da loja',
          503: 'Master indisponível',
        },
        handle: ({ req, body }) => painel.updateLook(tenantOf(req), body),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'get',
        path: '/painel/uso',
        summary: 'Uso do mês (mensagens e tokens) frente aos limites do plano, como o master conta',
        handle: ({ req }) => painel.usage(tenantOf(req)),
      }),
    ),
  ];
}
