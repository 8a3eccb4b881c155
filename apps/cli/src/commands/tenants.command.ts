import path from 'node:path';
import { Command, Option } from 'commander';
import { ROBOT_VERTICALS, TENANT_STATUSES, type RobotVertical, type TenantStatus } from '@helix/contracts';
import { offboardTenant, onboardingFor, onboardTenantSchema, type TenantRecord } from '@helix/tenant-ops';
import { CommandFailed, type CliIo, Output } from '../cli-io';
import { parsePlanoId, parseTenantKey } from '../cli-options';
import { withOps } from '../ops-session';
import { describeVersions } from '../schema-versions';
import { defaultBackupFile } from './backup.command';

export function tenantsCommand(io: CliIo, json: () => boolean): Command {
  const tenants = new Command('tenants').description('clientes registrados no master');

  tenants
    .command('list')
    .description('lista os clientes (padrão: ativos e suspensos)')
    .addOption(new Option('--robo <robo>', 'apenas esta vertical').choices(ROBOT_VERTICALS))
    .addOption(new Option('--status <status>', 'apenas este status').choices(TENANT_STATUSES))
    .action(async (flags: { robo?: RobotVertical; status?: TenantStatus }) => {
      const out = new Output(io, json());
      const rows = await withOps(io, 1, async (ctx) => {
        const found: TenantRecord[] = [];
        for await (const tenant of ctx.registry.iterate({ robo: flags.robo, statuses: flags.status ? [flags.status] : undefined }))
          found.push(tenant);
        return found;
      });
      out.result(rows, () => [
        ...rows.map(
          (t) =>
            `${t.tenant_key.padEnd(24)} ${t.robo_tipo.padEnd(8)} ${t.status.padEnd(10)} ${t.db_host}:${t.db_port}/${t.database_name}  ${t.nome}`,
        ),
        `${rows.length} cliente(s)`,
      ]);
    });

  tenants
    .command('create')
    .description(
      'onboarding (setup-empresa): banco isolado no servidor ativo com mais vagas (helix servers list), usuário MySQL, chave de API e, com --plano, assinatura pendente',
    )
    .requiredOption('--key <key>', 'chave do cliente (a-z, 0-9 e _)')
    .requiredOption('--nome <nome>', 'nome da empresa')
    .addOption(new Option('--robo <robo>', 'vertical do robô').choices(ROBOT_VERTICALS).makeOptionMandatory())
    .option('--plano <id>', 'plano da assinatura pendente (id)', parsePlanoId)
    .option('--dominio <dominio>', 'domínio próprio (ex.: loja.exemplo.com.br)')
    .option('--email-responsavel <email>', 'dono da loja: recebe um link de convite para o painel (/painel)')
    .action(
      async (flags: { key: string; nome: string; robo: RobotVertical; plano?: number; dominio?: string; emailResponsavel?: string }) => {
        const out = new Output(io, json());
        const input = onboardTenantSchema.safeParse({
          tenant_key: flags.key,
          nome: flags.nome,
          robo_tipo: flags.robo,
          plano_id: flags.plano,
          dominio: flags.dominio,
          email_responsavel: flags.emailResponsavel,
        });
        if (!input.success) {
          out.error(
            'INVALID_INPUT',
            input.error.issues.map((issue) => `${issue.path.join('.') || 'entrada'}: ${issue.message}`).join('; '),
          );
          throw new CommandFailed(2);
        }
        const created = await withOps(io, 1, (ctx) => onboardingFor(ctx).onboard(input.data));
        out.result(created, () => [
          `${created.tenant_key} criado: banco ${created.database_name} no servidor ${created.servidor} (template ${describeVersions(created.schema_version)})`,
          created.assinatura
            ? `assinatura ${created.assinatura.id} pendente no plano ${created.assinatura.plano_id}`
            : 'sem assinatura: o robô só atende após uma assinatura ativa',
          `chave de API (mostrada só agora): ${created.api_key}`,
          ...(created.convite_url ? [`convite do dono para o painel (mostrado só agora, vale 7 dias): ${created.convite_url}`] : []),
          ...(created.convite_email
            ? [
                created.convite_email.enviado
                  ? 'convite enviado por e-mail ao responsável'
                  : `convite NÃO enviado por e-mail: ${created.convite_email.erro}`,
              ]
            : []),
        ]);
      },
    );

  tenants
    .command('delete')
    .description('offboarding: backup, depois remove banco e usuário MySQL e marca o cliente como deleted')
    .argument('<tenant>', 'chave do cliente', parseTenantKey)
    .option('--yes', 'confirma a remoção (obrigatório)')
    .option('--out <file>', 'arquivo do backup prévio (padrão: backups/<cliente>_<data>.sql)')
    .action(async (tenant: string, flags: { yes?: boolean; out?: string }) => {
      const out = new Output(io, json());
      if (!flags.yes) {
        out.error(
          'CONFIRMATION_REQUIRED',
          io.stdinIsTTY
            ? `Remover '${tenant}' apaga o banco e o usuário MySQL (um backup é feito antes). Repita com --yes para confirmar.`
            : `Sem terminal interativo não há confirmação: passe --yes para remover '${tenant}'.`,
        );
        throw new CommandFailed(2);
      }
      const file = path.resolve(flags.out ?? (await defaultBackupFile(tenant)));
      const result = await withOps(io, 2, (ctx) => offboardTenant(ctx, tenant, file));
      out.result(result, () => [
        result.backup ? `backup de ${tenant} em ${result.backup}` : `${tenant}: o banco já havia sido removido numa execução anterior`,
        `${tenant} removido: banco ${result.database_name} e usuário MySQL apagados, registro marcado como deleted`,
      ]);
    });
  return tenants;
}
