import { Command, Option } from 'commander';
import { ROBOT_VERTICALS, type RobotVertical } from '@helix/contracts';
import { importLegacy } from '@helix/tenant-ops';
import { type CliIo, Output } from '../cli-io';
import { parseDatabaseName, parseTenantKey } from '../cli-options';
import { withOps } from '../ops-session';
import { describeVersions } from '../schema-versions';

export function importLegacyCommand(io: CliIo, json: () => boolean): Command {
  return new Command('import-legacy')
    .description('adota um banco legado de cliente único (layout empresa_X_db) como cliente; o banco legado não é alterado')
    .requiredOption('--database <db>', 'banco legado, no servidor de TENANT_DB_URL', parseDatabaseName)
    .requiredOption('--key <key>', 'chave do novo cliente', parseTenantKey)
    .addOption(new Option('--robo <robo>', 'vertical').choices(ROBOT_VERTICALS).makeOptionMandatory())
    .option('--nome <nome>', 'nome do cliente (padrão: a chave)')
    .action(async (flags: { database: string; key: string; robo: RobotVertical; nome?: string }) => {
      const out = new Output(io, json());
      const result = await withOps(io, 2, (ctx) =>
        importLegacy(ctx, { database: flags.database, tenantKey: flags.key, robo: flags.robo, nome: flags.nome }),
      );
      out.result(result, () => [
        `${flags.database} adotado como ${result.tenant_key} em ${result.database_name} no servidor ${result.servidor} (schema ${describeVersions(result.schema_version)})`,
        ...(result.created_tables.length ? [`  tabelas do modelo criadas: ${result.created_tables.join(', ')}`] : []),
        ...(result.extras.length ? [`  mantidas fora do modelo: ${result.extras.join(', ')}`] : []),
        `API key (mostrada só agora): ${result.api_key}`,
        `o banco legado ${flags.database} continua intacto; remova-o depois de conferir o novo cliente.`,
      ]);
    });
}
