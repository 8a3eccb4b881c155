import { Command } from 'commander';
import {
  addServer,
  DEFAULT_DRAIN_CONCURRENCY,
  DEFAULT_SERVER_CAPACITY,
  drainServer,
  listServers,
  retireServer,
  updateServer,
  type ServerListing,
} from '@helix/tenant-ops';
import { CommandFailed, type CliIo, Output } from '../cli-io';
import { parseCapacity, parseConcurrency, parseServerId, parseServerUrl } from '../cli-options';
import { withOps } from '../ops-session';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → `1.5 KB`: sizes for people (JSON keeps the bytes). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

const COLUMNS = ['id', 'endereço', 'estado', 'clientes', 'tamanho', 'livre', 'acessível'] as const;

function table(rows: ServerListing[]): string[] {
  const cells = rows.map((row) => [
    String(row.id),
    row.endereco,
    row.estado,
    `${row.clientes}/${row.capacidade}`,
    row.tamanho_bytes === null ? '—' : formatBytes(row.tamanho_bytes),
    String(row.livre),
    row.acessivel === null ? '—' : row.acessivel ? 'sim' : `NÃO (${row.erro})`,
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...cells.map(line)];
}

export function serversCommand(io: CliIo, json: () => boolean): Command {
  const servers = new Command('servers').description(
    `servidores MySQL que guardam os bancos dos clientes (todos com a conta de administração de TENANT_DB_URL; o de TENANT_DB_URL entra sozinho, com capacidade ${DEFAULT_SERVER_CAPACITY})`,
  );

  servers
    .command('add')
    .description('registra um servidor (ativo: passa a receber clientes novos), depois de conferir que a conta de TENANT_DB_URL entra nele')
    .argument('<url>', 'mysql://host:porta', parseServerUrl)
    .requiredOption('--capacidade <n>', 'quantos clientes ele recebe, no máximo', parseCapacity)
    .option('--notas <texto>', 'anotações da operação (até 500 caracteres)')
    .action(async (address: { host: string; port: number }, flags: { capacidade: number; notas?: string }) => {
      const out = new Output(io, json());
      const added = await withOps(io, 1, (ctx) => addServer(ctx, { ...address, capacidade: flags.capacidade, notas: flags.notas }));
      out.result(added, () => [`servidor ${added.id} registrado: ${added.endereco}, capacidade ${added.capacidade} clientes, ativo`]);
    });

  servers
    .command('list')
    .description('cada servidor: estado, clientes/capacidade, tamanho dos bancos, vagas livres e se responde agora')
    .action(async () => {
      const out = new Output(io, json());
      const fleet = await withOps(io, 1, listServers);
      out.result(fleet, () => [
        ...table(fleet.servidores),
        ...fleet.fora_do_registro.map(
          (server) => `aviso: ${server.clientes} cliente(s) em ${server.endereco}, fora do registro (registre-o com helix servers add)`,
        ),
      ]);
    });

  servers
    .command('update')
    .description('muda a capacidade ou as notas de um servidor')
    .argument('<id>', 'id do servidor (helix servers list)', parseServerId)
    .option('--capacidade <n>', 'quantos clientes ele recebe, no máximo', parseCapacity)
    .option('--notas <texto>', 'anotações da operação ("" apaga)')
    .action(async (id: number, flags: { capacidade?: number; notas?: string }) => {
      const out = new Output(io, json());
      const patch = { capacidade: flags.capacidade, notas: flags.notas === undefined ? undefined : flags.notas || null };
      const updated = await withOps(io, 1, (ctx) => updateServer(ctx, id, patch));
      out.result(updated, () => [`servidor ${id} (${updated.host}:${updated.port}): capacidade ${updated.capacidade}, ${updated.estado}`]);
    });

  servers
    .command('drain')
    .description(
      'esvazia um servidor: deixa de receber clientes novos e cada cliente dele é movido (como helix move: segue no ar) para o servidor ativo com mais vagas, ' +
        'alguns por vez. Uma falha fica registrada por cliente e os demais seguem; rodar de novo continua de onde parou',
    )
    .argument('<id>', 'id do servidor (helix servers list)', parseServerId)
    .option('--concurrency <n>', 'clientes movidos em paralelo (1-64)', parseConcurrency, DEFAULT_DRAIN_CONCURRENCY)
    .action(async (id: number, flags: { concurrency: number }) => {
      const out = new Output(io, json());
      let bar = { tick: () => undefined as void, stop: () => undefined as void };
      const report = await withOps(io, flags.concurrency + 1, (ctx) =>
        drainServer(ctx, id, {
          concurrency: flags.concurrency,
          onStart: (total) => (bar = out.progress(total, `esvaziando o servidor ${id}`)),
          onTenant: () => bar.tick(),
        }),
      ).finally(() => bar.stop());
      out.result(report, () => [
        `servidor ${id} (${report.servidor.endereco}): ${report.movidos.length} cliente(s) movido(s), ${report.copias_removidas.length} cópia(s) antiga(s) removida(s), ${report.falhas.length} com falha`,
        ...report.movidos.map((moved) => `  → ${moved.tenant_key} para ${moved.para}`),
        ...report.falhas.map((failure) => `  ✗ ${failure.tenant_key}: [${failure.code}] ${failure.erro}`),
        ...report.avisos.map((aviso) => `aviso: ${aviso}`),
        report.restantes === 0
          ? `servidor ${id} vazio: aposente-o com helix servers retire ${id}`
          : `ainda há ${report.restantes} cliente(s) nele: rode helix servers drain ${id} de novo`,
      ]);
      if (report.falhas.length > 0 || report.restantes > 0) throw new CommandFailed(1);
    });

  servers
    .command('retire')
    .description('aposenta um servidor vazio (nenhum cliente nem cópia antiga nele); recusado se não estiver vazio')
    .argument('<id>', 'id do servidor (helix servers list)', parseServerId)
    .action(async (id: number) => {
      const out = new Output(io, json());
      const retired = await withOps(io, 1, (ctx) => retireServer(ctx, id));
      out.result(retired, () => [`servidor ${id} (${retired.host}:${retired.port}) aposentado`]);
    });
  return servers;
}
