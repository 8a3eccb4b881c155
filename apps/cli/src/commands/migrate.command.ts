import { Command, Option } from 'commander';
import { describeMigration } from '@helix/db';
import { ROBOT_VERTICALS, type RobotVertical } from '@helix/contracts';
import { migrateTenants, migrationStatus, type MigrateOptions, type OpsContext, type TenantFailure } from '@helix/tenant-ops';
import { CommandFailed, type CliIo, Output } from '../cli-io';
import { parseConcurrency, parseTenantKey } from '../cli-options';
import { withOps } from '../ops-session';
import { describeVersions } from '../schema-versions';

const failureLines = (failed: TenantFailure[]) => failed.map((f) => `  ✗ ${f.tenant_key} (${f.database}): ${f.error}`);

interface MigrateFlags {
  robo?: RobotVertical;
  tenant?: string;
  concurrency: number;
  dryRun?: boolean;
}

/** `work` over the tenants `flags` select, with a progress bar over them (stopped however the work ends). */
function withTenantProgress<T>(
  io: CliIo,
  out: Output,
  flags: MigrateFlags,
  label: string,
  work: (ctx: OpsContext, scope: Omit<MigrateOptions, 'dryRun'>) => Promise<T>,
): Promise<T> {
  return withOps(io, flags.concurrency, async (ctx) => {
    const bar = out.progress(await ctx.registry.count({ robo: flags.robo, tenantKey: flags.tenant }), label);
    try {
      return await work(ctx, { robo: flags.robo, tenantKey: flags.tenant, concurrency: flags.concurrency, onTenant: bar.tick });
    } finally {
      bar.stop();
    }
  });
}

export function migrateCommand(io: CliIo, json: () => boolean): Command {
  const migrate = new Command('migrate')
    .addOption(new Option('--robo <robo>', 'apenas os clientes desta vertical').choices(ROBOT_VERTICALS))
    .option('--tenant <key>', 'apenas este cliente', parseTenantKey)
    .option('--concurrency <n>', 'clientes migrados em paralelo (1-64)', parseConcurrency, 4)
    .summary('aplica as migrações pendentes a cada banco de cliente e garante o acesso dele (papel, gateway e leitor da vitrine)')
    .description(
      'aplica as migrações pendentes do template a cada banco de cliente (as da série base, depois as da vertical) e garante o seu acesso: o papel MySQL do cliente, ' +
        'os privilégios dele, o gateway da vertical com esse papel e a leitura do catálogo pelo leitor da vitrine da vertical ' +
        '(repara clientes criados antes dos papéis ou do leitor; nada muda para os demais). Uma falha fica registrada por cliente; rodar de novo retoma.',
    )
    .option('--dry-run', 'mostra as migrações que seriam aplicadas, sem alterar nada (o acesso não é verificado)')
    .action(async (flags: MigrateFlags) => {
      const out = new Output(io, json());
      const report = await withTenantProgress(io, out, flags, 'migrando', (ctx, scope) =>
        migrateTenants(ctx, { ...scope, dryRun: flags.dryRun }),
      );
      out.result(report, () => [
        `${report.dry_run ? 'simulação: ' : ''}${report.total} clientes · ${report.migrated} ${report.dry_run ? 'a migrar' : 'migrados'} · ${report.up_to_date} já atualizados · ${report.failed.length} com falha`,
        ...failureLines(report.failed),
      ]);
      if (report.failed.length > 0) throw new CommandFailed();
    });

  migrate.addCommand(
    new Command('status')
      .description(
        'versões do schema de cada cliente, por série (base e a da vertical; aceita --robo, --tenant e --concurrency de migrate)',
      )
      // The scope options are `migrate`'s; commander parses them there wherever they are typed.
      .action(async (_flags: object, command: Command) => {
        const flags = (command.parent as Command).opts<MigrateFlags>();
        const out = new Output(io, json());
        const status = await withTenantProgress(io, out, flags, 'lendo versões', migrationStatus);
        out.result(status, () => [
          `versões mais recentes: ${describeVersions(status.latest)}`,
          ...status.versions.map((v) => `  ${v.robo_tipo} em ${describeVersions(v.versions)}: ${v.tenants} cliente(s)`),
          `${status.total} clientes · ${status.up_to_date} atualizados · ${status.behind.length} com migrações pendentes · ${status.failed.length} ilegíveis`,
          ...status.behind.map(
            (b) => `  … ${b.tenant_key}: ${describeVersions(b.versions)}, pendentes ${b.pending.map(describeMigration).join(', ')}`,
          ),
          ...failureLines(status.failed),
        ]);
        if (status.failed.length > 0) throw new CommandFailed();
      }),
  );
  return migrate;
}
