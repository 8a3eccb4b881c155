import { Command, Option } from 'commander';
import { ROBOT_VERTICALS, type RobotVertical } from '@helix/contracts';
import { DEFAULT_ROTATION_GRACE_SECONDS, rotateGateways, type GatewayRef, type GatewayRotationStep } from '@helix/tenant-ops';
import { CommandFailed, type CliIo, Output } from '../cli-io';
import { parseSeconds, parseServerAddress } from '../cli-options';
import { withOps } from '../ops-session';

const STEP_LABELS: Record<GatewayRotationStep, string> = {
  sobreposicao: 'o servidor aceita a senha nova ao lado da antiga',
  troca: 'o master passa a entregar a senha nova aos robôs',
  espera: 'esperando os robôs relerem seus clientes',
  descarte: 'descartando a senha antiga',
};

interface RotateFlags {
  robo?: RobotVertical;
  servidor?: { host: string; port: number };
  espera: number;
}

export function gatewayCommand(io: CliIo, json: () => boolean): Command {
  const gateway = new Command('gateway').description('contas gateway com que os robôs entram em cada servidor MySQL');
  gateway.addCommand(
    new Command('rotate')
      .summary('dá uma senha nova ao gateway de cada vertical em cada servidor, sem interromper os robôs')
      .description(
        'dá uma senha nova ao gateway de cada vertical em cada servidor com clientes, sem interromper os robôs: o servidor aceita a nova ' +
          'ao lado da antiga, o master passa a entregar a nova, os robôs a pegam ao reler seus clientes e, depois da espera, a antiga é descartada ' +
          '(conexões abertas seguem). Uma falha fica registrada por gateway; rodar de novo conclui a rotação interrompida.',
      )
      .addOption(new Option('--robo <robo>', 'apenas o gateway desta vertical').choices(ROBOT_VERTICALS))
      .option('--servidor <host:porta>', 'apenas este servidor, como os clientes o registram', parseServerAddress)
      .option(
        '--espera <segundos>',
        'quanto a senha antiga ainda vale depois que o master entrega a nova (acima do TENANT_CACHE_TTL_MS dos robôs)',
        parseSeconds,
        DEFAULT_ROTATION_GRACE_SECONDS,
      )
      .action(async (flags: RotateFlags) => {
        const out = new Output(io, json());
        const onStep = (step: GatewayRotationStep, gw?: GatewayRef) =>
          !out.json && io.stderr.write(`${gw ? `${gw.host}:${gw.port} ${gw.robo}: ` : ''}${STEP_LABELS[step]}…\n`);
        const report = await withOps(io, 2, (ctx) =>
          rotateGateways(ctx, { robo: flags.robo, server: flags.servidor, graceMs: flags.espera * 1000, onStep }),
        );
        out.result(report, () => [
          ...report.rotated.map((r) => `  ✓ ${r.servidor} ${r.robo_tipo} (${r.usuario}): geração ${r.geracao}`),
          ...report.failed.map((f) => `  ✗ ${f.servidor} ${f.robo_tipo}, etapa ${f.etapa}: ${f.error}`),
          `${report.rotated.length} gateway(s) com senha nova · ${report.failed.length} com falha${report.failed.length ? ' (rode de novo para concluir)' : ''}`,
        ]);
        if (report.failed.length > 0) throw new CommandFailed();
      }),
  );
  return gateway;
}
