import { Command, CommanderError } from 'commander';
import { ConfigError } from '@helix/config';
import { TenantOpsError } from '@helix/tenant-ops';
import { CommandFailed, type CliIo, Output } from './cli-io';
import { backupCommand, restoreCommand } from './commands/backup.command';
import { demoCommand } from './commands/demo.command';
import { gatewayCommand } from './commands/gateway.command';
import { importLegacyCommand } from './commands/import-legacy.command';
import { migrateCommand } from './commands/migrate.command';
import { moveCommand } from './commands/move.command';
import { serversCommand } from './commands/servers.command';
import { tenantsCommand } from './commands/tenants.command';

/** Exit codes: 0 done, 1 the operation failed (or some tenants did), 2 the command was refused as given. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = new Command('helix')
    .description(
      'operações de clientes do HelixAI: criação, migrações, backup/restore, movimentação entre servidores, frota de servidores, importação, offboarding, rotação das senhas dos gateways',
    )
    .option('--json', 'saída em JSON, para scripts')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();
  const json = () => Boolean(program.opts().json);
  for (const command of [
    migrateCommand,
    backupCommand,
    restoreCommand,
    moveCommand,
    serversCommand,
    importLegacyCommand,
    tenantsCommand,
    gatewayCommand,
    demoCommand,
  ])
    program.addCommand(command(io, json));
  program.commands.forEach(function inherit(command: Command) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    command.commands.forEach(inherit);
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommandFailed) return error.exitCode;
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const out = new Output(io, json());
    if (error instanceof TenantOpsError) {
      out.error(error.code, error.message, error.details);
      return 1;
    }
    if (error instanceof ConfigError) {
      out.error('CONFIG_INVALID', error.message);
      return 2;
    }
    out.error('UNEXPECTED', (error as Error)?.message ?? String(error));
    return 1;
  }
}
