import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { backupFileName, backupTenant, readBackupHeader, restoreTenant, TenantOpsError, TenantOpsErrorCode } from '@helix/tenant-ops';
import { type CliIo, Output } from '../cli-io';
import { parseTenantKey } from '../cli-options';
import { withOps } from '../ops-session';
import { describeVersions } from '../schema-versions';

/** Where backups go without --out (relative to the working directory). */
export const DEFAULT_BACKUP_DIR = 'backups';

export function backupCommand(io: CliIo, json: () => boolean): Command {
  return new Command('backup')
    .description('dump lógico do banco de um cliente, com checksums por tabela')
    .argument('<tenant>', 'chave do cliente', parseTenantKey)
    .option('--out <file>', `arquivo de destino (padrão: ${DEFAULT_BACKUP_DIR}/<cliente>_<data>.sql); nunca sobrescreve`)
    .action(async (tenant: string, flags: { out?: string }) => {
      const out = new Output(io, json());
      const file = path.resolve(flags.out ?? (await defaultBackupFile(tenant)));
      const header = await withOps(io, 2, (ctx) => backupTenant(ctx, tenant, file));
      out.result({ file, ...header }, () => [
        `backup de ${tenant} em ${file} (${header.dumper}, schema ${describeVersions(header.schema_version)})`,
        ...Object.entries(header.tables).map(([table, c]) => `  ${table}: ${c.rows} linha(s)`),
      ]);
    });
}

export async function defaultBackupFile(tenant: string): Promise<string> {
  await mkdir(DEFAULT_BACKUP_DIR, { recursive: true, mode: 0o700 });
  return backupFileName(DEFAULT_BACKUP_DIR, tenant);
}

export function restoreCommand(io: CliIo, json: () => boolean): Command {
  return new Command('restore')
    .description('restaura um backup como cliente novo (nunca substitui um cliente ativo)')
    .argument('<tenant>', 'chave do cliente do backup', parseTenantKey)
    .requiredOption('--from <file>', 'arquivo gerado por helix backup')
    .option('--as <new_key>', 'restaura como outro cliente (cópia ao lado do original)', parseTenantKey)
    .action(async (tenant: string, flags: { from: string; as?: string }) => {
      const out = new Output(io, json());
      const result = await withOps(io, 2, async (ctx) => {
        const header = await readBackupHeader(path.resolve(flags.from));
        if (header.tenant_key !== tenant) {
          throw new TenantOpsError(
            TenantOpsErrorCode.BACKUP_FILE_INVALID,
            `${flags.from} é um backup de '${header.tenant_key}', não de '${tenant}'.`,
          );
        }
        return restoreTenant(ctx, path.resolve(flags.from), flags.as);
      });
      out.result(result, () => [
        `cliente ${result.tenant_key} restaurado em ${result.database_name} no servidor ${result.servidor} (schema ${describeVersions(result.schema_version)}, ${result.tables} tabelas verificadas)`,
        `API key (mostrada só agora): ${result.api_key}`,
      ]);
    });
}
