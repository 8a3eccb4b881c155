import { setTimeout as sleep } from 'node:timers/promises';
import type { RobotVertical } from '@helix/contracts';
import { gatewayPassword, gatewayUserName } from '@helix/provisioning';
import type { ServerAddress } from './admin-servers';
import type { GatewayRef } from './gateway-generations';
import type { OpsContext } from './ops-context';
import { withOperationLock } from './operation-lock';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';

/** The steps of one gateway's rotation, in order. */
export const GATEWAY_ROTATION_STEPS = ['sobreposicao', 'troca', 'espera', 'descarte'] as const;
export type GatewayRotationStep = (typeof GATEWAY_ROTATION_STEPS)[number];

/**
 * Default wait between handing robots the new password and discarding the old one: well beyond the
 * robots' resolution cache (TENANT_CACHE_TTL_MS, 5 s by default), within which every robot that
 * reaches the master re-reads its tenants.
 */
export const DEFAULT_ROTATION_GRACE_SECONDS = 30;

export interface RotateGatewaysOptions {
  robo?: RobotVertical;
  server?: ServerAddress;
  /** How long the old password keeps logging in after the master started handing out the new one. */
  graceMs: number;
  /** Each step as it starts (for `espera`, once for all gateways), for progress output. */
  onStep?: (step: GatewayRotationStep, gateway?: GatewayRef) => void;
  /** Test seam: called after each step's work, so a test can fail the rotation exactly there. */
  faults?: (step: GatewayRotationStep, gateway?: GatewayRef) => void | Promise<void>;
}

export interface RotatedGateway {
  servidor: string;
  robo_tipo: RobotVertical;
  usuario: string;
  /** The generation whose password the gateway now accepts, alone. */
  geracao: number;
}

export interface GatewayRotationFailure {
  servidor: string;
  robo_tipo: RobotVertical;
  etapa: GatewayRotationStep;
  error: string;
}

export interface GatewayRotationReport {
  rotated: RotatedGateway[];
  failed: GatewayRotationFailure[];
}

const label = (server: ServerAddress) => `${server.host}:${server.port}`;

/**
 * `helix gateway rotate`: gives each vertical's gateway account a new password on every server of
 * live tenants (or those asked for) without interrupting robots. Per gateway: (1) sobreposicao: the
 * server accepts the new generation's password beside the old one; (2) troca: the registry's
 * generation goes up, so the master hands robots the new password in its next resolutions; (3)
 * espera: robots re-read their tenants and open new connections with it (open ones stay logged in);
 * (4) descarte: the server accepts only the new password. Resumable rather than all or nothing: the
 * registry records the rotation under way (`gateway_geracoes.geracao_nova`) before the server is
 * touched and clears it after the old password is gone, each step can run again, and what the master
 * hands out is always accepted by the server. A failed gateway is reported and the others go on; a
 * rerun finishes its rotation (to the same generation, not one more) and rotates the others again.
 * One rotation at a time per master registry.
 */
export async function rotateGateways(ctx: OpsContext, options: RotateGatewaysOptions): Promise<GatewayRotationReport> {
  return withOperationLock(
    ctx,
    'helix_gateway_rotate',
    () => new TenantOpsError(TenantOpsErrorCode.ROTATION_IN_PROGRESS, 'Já há uma rotação de senhas dos gateways em andamento.'),
    () => new GatewayRotation(ctx, options).run(),
  );
}

class GatewayRotation {
  private readonly report: GatewayRotationReport = { rotated: [], failed: [] };
  /** The step the gateway being worked on has reached (gateways are rotated one after the other). */
  private step: GatewayRotationStep = 'sobreposicao';

  constructor(
    private readonly ctx: OpsContext,
    private readonly options: RotateGatewaysOptions,
  ) {}

  async run(): Promise<GatewayRotationReport> {
    const gateways = await this.ctx.registry.gateways.inUse({ robo: this.options.robo, server: this.options.server });
    if (gateways.length === 0) {
      const which = `${this.options.robo ? ` de ${this.options.robo}` : ''}${this.options.server ? ` em ${label(this.options.server)}` : ''}`;
      throw new TenantOpsError(
        TenantOpsErrorCode.GATEWAY_NOT_FOUND,
        `Nenhum gateway${which} com clientes ativos ou suspensos (o servidor como os clientes o registram: host:porta).`,
      );
    }
    const handedOut: { gateway: GatewayRef; target: number }[] = [];
    for (const gateway of gateways) {
      try {
        handedOut.push({ gateway, target: await this.introduce(gateway) });
      } catch (error) {
        this.fail(gateway, error);
      }
    }
    if (handedOut.length === 0) return this.report;
    // One wait for every gateway: robots re-read all their tenants within their cache's TTL.
    this.options.onStep?.('espera');
    await sleep(this.options.graceMs);
    await this.options.faults?.('espera');
    for (const { gateway, target } of handedOut) {
      try {
        await this.discard(gateway, target);
        this.report.rotated.push({ servidor: label(gateway), robo_tipo: gateway.robo, usuario: this.userOf(gateway), geracao: target });
      } catch (error) {
        this.fail(gateway, error);
      }
    }
    return this.report;
  }

  /** Steps 1 and 2: the server accepts both passwords, then the master hands out the new one. Returns the new generation. */
  private async introduce(gateway: GatewayRef): Promise<number> {
    this.begin('sobreposicao', gateway);
    const { handedOut, target } = await this.ctx.registry.gateways.beginRotation(gateway);
    // Equal when a run that failed later had handed it out already: the overlap it set up is still there.
    if (handedOut !== target) {
      await this.setPasswords(gateway, [target, target - 1]);
      await this.options.faults?.('sobreposicao', gateway);
      this.begin('troca', gateway);
      await this.ctx.registry.gateways.handOut(gateway, target);
    }
    await this.options.faults?.('troca', gateway);
    return target;
  }

  /** Step 4: only the new password logs in; the rotation is over. */
  private async discard(gateway: GatewayRef, target: number): Promise<void> {
    this.begin('descarte', gateway);
    await this.setPasswords(gateway, [target]);
    await this.options.faults?.('descarte', gateway);
    await this.ctx.registry.gateways.finishRotation(gateway, target);
  }

  private async setPasswords(gateway: GatewayRef, generations: number[]): Promise<void> {
    const user = this.userOf(gateway);
    const passwords = generations.map((generation) => gatewayPassword(this.ctx.secretBox, user, gateway, generation));
    await this.ctx.servers.admin(gateway).setGatewayPasswords(user, this.ctx.userHost, passwords);
  }

  private userOf(gateway: GatewayRef): string {
    return gatewayUserName(this.ctx.prefix, gateway.robo);
  }

  private begin(step: GatewayRotationStep, gateway: GatewayRef): void {
    this.step = step;
    this.options.onStep?.(step, gateway);
  }

  private fail(gateway: GatewayRef, error: unknown): void {
    this.report.failed.push({ servidor: label(gateway), robo_tipo: gateway.robo, etapa: this.step, error: errorMessage(error) });
  }
}
