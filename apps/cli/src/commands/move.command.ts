import { Command } from 'commander';
import { moveTenant } from '@helix/tenant-ops';
import { CommandFailed, type CliIo, Output } from '../cli-io';
import { parseServerUrl, parseTenantKey } from '../cli-options';
import { withOps } from '../ops-session';

const STEP_LABELS = {
  preparo: 'verificando o destino e os robôs',
  copia: 'copiando o banco (cliente no ar)',
  congelamento: 'congelando as escritas do cliente',
  sincronizacao: 'recopiando o que mudou e conferindo checksums',
  principal: 'criando o usuário MySQL no destino',
  troca: 'trocando o servidor no registro',
  aviso: 'avisando os robôs',
  limpeza: 'removendo a cópia antiga',
} as const;

export function moveCommand(io: CliIo, json: () => boolean): Command {
  return new Command('move')
    .description('move um cliente para outro servidor MySQL (cópia, congelamento curto das escritas, verificação, troca)')
    .argument('<tenant>', 'chave do cliente', parseTenantKey)
    .requiredOption('--to <url>', 'servidor de destino: mysql://host:porta', parseServerUrl)
    .action(async (tenant: string, flags: { to: { host: string; port: number } }) => {
      const out = new Output(io, json());
      const report = await withOps(io, 2, (ctx) =>
        moveTenant(ctx, tenant, { to: flags.to, onStep: (step) => !out.json && io.stderr.write(`${tenant}: ${STEP_LABELS[step]}…\n`) }),
      );
      out.result(report, () => [
        `${tenant} movido de ${report.de} para ${report.para}: ${report.tabelas} tabelas conferidas, escritas congeladas por ${report.congelamento_ms} ms` +
          (report.recopiadas.length ? ` (recopiadas: ${report.recopiadas.join(', ')})` : ''),
        ...report.avisos.map((aviso) => `aviso: ${aviso}`),
      ]);
      // Moved, but its old copy is still there: not finished until a rerun drops it.
      if (!report.copia_antiga_removida) throw new CommandFailed(1);
    });
}
