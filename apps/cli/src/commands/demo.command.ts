import { Command } from 'commander';
import { ROBOT_VERTICALS, storeOrigin, type RobotVertical } from '@helix/contracts';
import { loadMasterConfig, verticalOfService } from '@helix/config';
import { CommandFailed, type CliIo, Output } from '../cli-io';
import { seedDemo } from '../demo/seed-demo';
import { withOps } from '../ops-session';

export function demoCommand(io: CliIo, json: () => boolean): Command {
  return new Command('demo')
    .description(
      'cria as lojas de demonstração (Feirão ShowCar e Horizonte Imóveis: catálogo com fotos, plano ativo, senha do dono) ' +
        'pelas APIs do master e dos robôs em execução, se o master não tiver outros clientes; `npm start` a chama em desenvolvimento (DEMO=0 desliga)',
    )
    .action(async () => {
      const out = new Output(io, json());
      const config = loadMasterConfig(io.env);
      if (config.NODE_ENV === 'production') {
        out.error('DEMO_IN_PRODUCTION', 'lojas de demonstração nunca são criadas em produção');
        throw new CommandFailed(2);
      }
      const robots = Object.fromEntries(
        ROBOT_VERTICALS.map((vertical) => [
          vertical,
          config.ROBOT_URLS.find(({ service }) => verticalOfService(service) === vertical)?.url,
        ]),
      ) as Record<RobotVertical, string>;
      const outcome = await withOps(io, 2, (ctx) =>
        seedDemo(ctx, {
          masterUrl: `http://127.0.0.1:${config.MASTER_PORT}`,
          admin: { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
          robots,
          infraDir: config.INFRA_DIR,
        }),
      );
      const lojaUrl = (tenant_key: string) => `${storeOrigin(config.WEB_BASE_URL, { tenant_key })}/`;
      out.result(outcome, () =>
        outcome.status === 'master_com_clientes'
          ? ['demo: o master já tem clientes; nenhuma loja de demonstração criada']
          : [
              ...outcome.lojas.flatMap((loja) => [
                `loja de demonstração ${loja.nome}: ${lojaUrl(loja.tenant_key)} (${loja.itens} itens com fotos, plano ativo)`,
                `  painel: ${lojaUrl(loja.tenant_key)}painel — ${loja.dono.email} / ${loja.dono.senha} (senha mostrada só agora)`,
              ]),
              ...outcome.existentes.map((key) => `loja de demonstração ${key}: já existe (${lojaUrl(key)})`),
              `console: ${consoleOrigin(config.WEB_BASE_URL)}/ — ${config.ADMIN_EMAIL}`,
            ],
      );
    });
}

/** The operators' console: `admin.` before the web address's host. */
function consoleOrigin(webBaseUrl: string): string {
  const url = new URL(webBaseUrl);
  url.hostname = `admin.${url.hostname}`;
  return url.origin;
}
