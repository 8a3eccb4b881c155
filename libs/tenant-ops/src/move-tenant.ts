import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { quoteCatalogName, quoteIdentifier, type RowDataPacket } from '@helix/db';
import { tenantAccess, tenantRoleName } from '@helix/provisioning';
import type { ServerAddress } from './admin-servers';
import { dumpToFile } from './backup-file';
import { loadDump } from './dump-loader';
import type { OpsContext } from './ops-context';
import { withOperationLock } from './operation-lock';
import type { RobotOutcome } from './robot-notifier';
import { checksumDifferences } from './table-checksums';
import { tableDigests, type TableDigests } from './table-digests';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';
import type { TenantRecord } from './tenant-registry';

/** The steps of a move, in order. Up to `troca` a failure leaves the tenant served from its old server. */
export const MOVE_STEPS = ['preparo', 'copia', 'congelamento', 'sincronizacao', 'principal', 'troca', 'aviso', 'limpeza'] as const;
export type MoveStep = (typeof MOVE_STEPS)[number];

/** Rounds of "re-copy the tables that still differ" under the freeze before giving up. */
const SYNC_ROUNDS = 3;
/**
 * The first copy runs while the tenant and its neighbours are served: it pauses as long as each
 * statement took (half the target's CPU it would take flat out). Re-copies under the freeze do not.
 */
const LIVE_COPY_PAUSE = 1;

export interface MoveOptions {
  to: ServerAddress;
  /** How long robots refuse writes if this process dies mid-move (renewed at every step). */
  freezeLeaseSeconds?: number;
  /** Each step as it starts, for progress output. */
  onStep?: (step: MoveStep) => void;
  /** Test seam: called after each step's work, so a test can fail the move exactly there. */
  faults?: (step: MoveStep) => void | Promise<void>;
}

export interface MoveReport {
  tenant_key: string;
  database_name: string;
  de: string;
  para: string;
  tabelas: number;
  /** Tables copied again under the freeze because they changed during the first copy. */
  recopiadas: string[];
  /** How long the tenant's writes were refused. */
  congelamento_ms: number;
  /** The robot instances of its vertical (ROBOT_URLS) that confirmed each step. */
  robos: number;
  /** False when a robot did not confirm the switch: the old copy is kept until a rerun drops it. */
  copia_antiga_removida: boolean;
  avisos: string[];
}

const label = (server: ServerAddress) => `${server.host}:${server.port}`;

/**
 * `helix move`: copies a tenant's database to another MySQL server and switches the registry.
 * 1 copy while the tenant is live; 2 freeze its writes (registry lease + every robot confirms and
 * has no write of it running); 3 re-copy the tables that changed and verify every table's digest
 * against the frozen original; 4 recreate its principal and its role there, the role granted to
 * that server's gateway; 5 switch the registry in one statement (writes open again, on the new
 * server); 6 tell the robots; 7 drop the old copy (database, principal and role).
 * Before the switch any failure undoes the copy and lifts the freeze: the tenant stays on its old
 * server. After it, the move is done and only cleanup remains, which a rerun finishes (the
 * registry remembers the old copy); a rerun after a crash before the switch removes the partial copy.
 */
export async function moveTenant(ctx: OpsContext, tenantKey: string, options: MoveOptions): Promise<MoveReport> {
  const tenant = await ctx.registry.require(tenantKey);
  return withOperationLock(
    ctx,
    `helix_move_${tenant.id}`,
    () => new TenantOpsError(TenantOpsErrorCode.MOVE_IN_PROGRESS, `Já há uma movimentação de '${tenantKey}' em andamento.`),
    (lost) => new TenantMove(ctx, tenant, options, lost).run(),
  );
}

class TenantMove {
  private readonly from: ServerAddress;
  private readonly to: ServerAddress;
  private readonly lease: number;
  private step: MoveStep = 'preparo';
  private readonly avisos: string[] = [];

  constructor(
    private readonly ctx: OpsContext,
    private readonly tenant: TenantRecord,
    private readonly options: MoveOptions,
    /** The move's lease was taken over: another run may be moving this tenant now. */
    private readonly leaseLost: AbortSignal,
  ) {
    this.from = { host: tenant.db_host, port: tenant.db_port };
    this.to = { host: options.to.host.toLowerCase(), port: options.to.port };
    this.lease = options.freezeLeaseSeconds ?? 120;
  }

  async run(): Promise<MoveReport> {
    const { ctx, tenant } = this;
    const finishedEarlier = await this.finishEarlierMove();
    if (label(this.from).toLowerCase() === label(this.to)) {
      if (finishedEarlier) {
        this.avisos.push('uma execução anterior já havia trocado o servidor; esta removeu a cópia antiga');
        return this.report(0, [], 0, true);
      }
      throw new TenantOpsError(TenantOpsErrorCode.SAME_SERVER, `'${tenant.tenant_key}' já está em ${label(this.to)}.`);
    }
    this.begin('preparo');
    await this.checkTarget();
    const robots = await ctx.robots.refresh(tenant);
    this.requireAll(robots, 'antes da cópia', () => true);
    await this.fault();

    const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-move-'));
    let copyCreated = false;
    let frozenAt: number | undefined;
    let recopied: string[] = [];
    let tables = 0;
    try {
      this.begin('copia');
      await ctx.registry.beginMove(tenant.id, label(this.to));
      await ctx.servers.admin(this.to).createDatabase(tenant.database_name);
      copyCreated = true;
      await this.copy(path.join(dir, 'copia.sql'), undefined, LIVE_COPY_PAUSE);
      await this.fault();

      this.begin('congelamento');
      await ctx.registry.freezeWrites(tenant.id, this.lease);
      frozenAt = Date.now();
      this.requireAll(
        await ctx.robots.refresh(tenant),
        'ao congelar as escritas',
        (view) => view.escrita_congelada && view.escritas_em_andamento === 0,
      );
      await this.fault();

      this.begin('sincronizacao');
      ({ recopied, tables } = await this.synchronise(dir));
      await this.fault();

      this.begin('principal');
      await ctx.registry.freezeWrites(tenant.id, this.lease);
      await this.createPrincipal();
      await this.fault();

      this.begin('troca');
      await ctx.registry.switchServer(tenant.id, this.from, this.to);
    } catch (error) {
      // A run that lost its lease touches nothing more: what it left is the new holder's to finish or undo.
      if (!this.leaseLost.aborted) await this.undo(copyCreated);
      throw this.failure(error);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const congelamento_ms = Date.now() - frozenAt!;

    // Switched: the tenant is served from the new server from here on, whatever happens next.
    let dropped = false;
    try {
      await this.fault();
      this.begin('aviso');
      const told = await ctx.robots.refresh(tenant);
      const missed = told.filter((r) => r.error || r.view?.servidor !== label(this.to) || r.view.escrita_congelada);
      for (const robot of missed)
        this.avisos.push(
          `${robot.service} ${robot.url} não confirmou a troca (${robot.error ?? robot.view?.servidor}): a cópia antiga fica até rodar o move de novo`,
        );
      await this.fault();
      if (missed.length === 0) {
        this.begin('limpeza');
        await this.dropOldCopy(this.from);
        dropped = true;
      }
    } catch (error) {
      this.avisos.push(
        `a troca foi feita, mas a etapa '${this.step}' falhou (${errorMessage(error)}): rode o move de novo para remover a cópia antiga`,
      );
    }
    return this.report(tables, recopied, congelamento_ms, dropped);
  }

  private report(tabelas: number, recopiadas: string[], congelamento_ms: number, copia_antiga_removida: boolean): MoveReport {
    return {
      tenant_key: this.tenant.tenant_key,
      database_name: this.tenant.database_name,
      de: label(this.from),
      para: label(this.to),
      tabelas,
      recopiadas,
      congelamento_ms,
      robos: this.ctx.robots.of(this.tenant.robo_tipo).length,
      copia_antiga_removida,
      avisos: this.avisos,
    };
  }

  private begin(step: MoveStep): void {
    if (this.leaseLost.aborted) {
      throw new TenantOpsError(
        TenantOpsErrorCode.MOVE_IN_PROGRESS,
        `A movimentação de '${this.tenant.tenant_key}' ficou parada além da sua reserva e outra execução a assumiu.`,
      );
    }
    this.step = step;
    this.options.onStep?.(step);
  }

  private async fault(): Promise<void> {
    await this.options.faults?.(this.step);
  }

  /** A rerun: drops what a dead or unfinished earlier move left (never the copy the tenant is served from); true if it dropped an old copy. */
  private async finishEarlierMove(): Promise<boolean> {
    const state = await this.ctx.registry.moveState(this.tenant.id);
    const current = label(this.from).toLowerCase();
    const oldCopy = state.copia_antiga !== null && state.copia_antiga.toLowerCase() !== current;
    if (oldCopy) await this.dropOldCopy(parseLabel(state.copia_antiga!));
    if (state.movendo_para && state.movendo_para.toLowerCase() !== current) {
      await this.dropCopy(parseLabel(state.movendo_para));
      await this.ctx.registry.abortMove(this.tenant.id, false);
    }
    return oldCopy;
  }

  private async checkTarget(): Promise<void> {
    let rows: RowDataPacket[];
    try {
      [rows] = await this.ctx.servers.pool(this.to).query<RowDataPacket[]>(
        // Roles are rows of mysql.user too (MariaDB: is_role = 'Y'; MySQL: locked accounts).
        `SELECT (SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?) AS bancos,
                (SELECT COUNT(*) FROM mysql.user WHERE user = ?) AS usuarios,
                (SELECT COUNT(*) FROM mysql.user WHERE user = ?) AS papeis`,
        [this.tenant.database_name, this.tenant.db_user, tenantRoleName(this.tenant.db_user)],
      );
    } catch (error) {
      throw new TenantOpsError(
        TenantOpsErrorCode.SERVER_UNAVAILABLE,
        `O servidor ${label(this.to)} não está acessível: ${errorMessage(error)}`,
      );
    }
    if (Number(rows[0].bancos) > 0) {
      throw new TenantOpsError(
        TenantOpsErrorCode.DATABASE_EXISTS,
        `Já existe um banco ${this.tenant.database_name} em ${label(this.to)}; verifique com a operação.`,
      );
    }
    if (Number(rows[0].usuarios) > 0) {
      throw new TenantOpsError(
        TenantOpsErrorCode.PRINCIPAL_EXISTS,
        `Já existe o usuário MySQL ${this.tenant.db_user} em ${label(this.to)}; verifique com a operação.`,
      );
    }
    if (Number(rows[0].papeis) > 0) {
      throw new TenantOpsError(
        TenantOpsErrorCode.PRINCIPAL_EXISTS,
        `Já existe o papel MySQL ${tenantRoleName(this.tenant.db_user)} em ${label(this.to)}; verifique com a operação.`,
      );
    }
  }

  private requireAll(outcomes: RobotOutcome[], when: string, confirmed: (view: NonNullable<RobotOutcome['view']>) => boolean): void {
    const failed = outcomes.filter((o) => !o.view || !confirmed(o.view));
    if (failed.length === 0) return;
    throw new TenantOpsError(
      TenantOpsErrorCode.ROBOT_UNREACHABLE,
      `Robôs sem confirmação ${when}: ${failed.map((o) => `${o.service} ${o.url} (${o.error ?? JSON.stringify(o.view)})`).join('; ')}. Todos os robôs deste tipo em ROBOT_URLS precisam responder.`,
      { robos: failed.map(({ service, url, error }) => ({ service, url, error })) },
    );
  }

  /** Dump of the whole database (or `only` these tables) from the old server, loaded on the new one. */
  private async copy(file: string, only?: readonly string[], pause = 0): Promise<void> {
    await dumpToFile(this.ctx.servers.credentials(this.from), this.tenant.database_name, file, only);
    await loadDump(this.ctx.servers.credentials(this.to), this.tenant.database_name, file, pause);
  }

  /** Under the freeze: the tables that changed since the copy are copied again until every digest matches. */
  private async synchronise(dir: string): Promise<{ recopied: string[]; tables: number }> {
    const recopied = new Set<string>();
    let tables = 0;
    // Round 1 compares every table; later rounds only those copied again (the others matched, frozen).
    let checking: readonly string[] | undefined;
    for (let round = 1; ; round++) {
      await this.ctx.registry.freezeWrites(this.tenant.id, this.lease);
      // One server after the other: a longer freeze (well under its 2 s budget) rather than both
      // servers' CPU at once, which the neighbours on them would feel.
      const original = await this.digests(this.from, checking);
      const differing = checksumDifferences(original, await this.digests(this.to, checking));
      if (round === 1) tables = Object.keys(original).length;
      if (differing.length === 0) return { recopied: [...recopied].sort(), tables };
      if (round > SYNC_ROUNDS) {
        throw new TenantOpsError(
          TenantOpsErrorCode.CHECKSUM_MISMATCH,
          `A cópia ainda difere do original nas tabelas ${differing.join(', ')}; algo escreve no cliente congelado.`,
          {
            tabelas: differing,
          },
        );
      }
      await this.dropTables(differing);
      checking = differing.filter((table) => table in original);
      await this.copy(path.join(dir, `sincronizacao-${round}.sql`), checking);
      differing.forEach((table) => recopied.add(table));
    }
  }

  private digests(server: ServerAddress, only?: readonly string[]): Promise<TableDigests> {
    return this.ctx.servers.withConnection(server, (connection) => tableDigests(connection, this.tenant.database_name, only));
  }

  private async dropTables(tables: readonly string[]): Promise<void> {
    await this.ctx.servers.withConnection(this.to, async (connection) => {
      // Tables reference each other; they are all re-created from the dump right after.
      await connection.query('SET SESSION foreign_key_checks = 0');
      try {
        for (const table of tables)
          await connection.query(`DROP TABLE IF EXISTS ${quoteIdentifier(this.tenant.database_name)}.${quoteCatalogName(table)}`);
      } finally {
        await connection.query('SET SESSION foreign_key_checks = 1');
      }
    });
  }

  /**
   * The same account and password as on the old server, so the registry's sealed password stays
   * valid; the role and the grant to the new server's gateway, whose password is derived for that server
   * (and its generation there).
   */
  private async createPrincipal(): Promise<void> {
    const { tenant, ctx } = this;
    const sealed = await ctx.registry.sealedPassword(tenant.id);
    if (!sealed) throw new Error(`tenant ${tenant.tenant_key} has no stored password`);
    const principal = { user: tenant.db_user, host: ctx.userHost, password: ctx.secretBox.open(sealed) };
    const gateway_geracao = await ctx.registry.gateways.current({ ...this.to, robo: tenant.robo_tipo });
    const access = tenantAccess(ctx.secretBox, { ...tenant, db_host: this.to.host, db_port: this.to.port, gateway_geracao });
    await ctx.servers.admin(this.to).createPrincipal(principal, tenant.database_name, access);
  }

  private async dropCopy(server: ServerAddress): Promise<void> {
    const admin = this.ctx.servers.admin(server);
    await admin.dropPrincipal(this.tenant.db_user, this.ctx.userHost, this.tenant.database_name, this.tenant.robo_tipo);
    await admin.dropDatabase(this.tenant.database_name);
  }

  private async dropOldCopy(server: ServerAddress): Promise<void> {
    await this.dropCopy(server);
    await this.ctx.registry.forgetOldCopy(this.tenant.id);
  }

  /** Before the switch: the copy goes, the freeze is lifted and the robots told, so writes resume on the old server. */
  private async undo(copyCreated: boolean): Promise<void> {
    let copyLeft = false;
    if (copyCreated) {
      try {
        await this.dropCopy(this.to);
      } catch (error) {
        copyLeft = true;
        this.avisos.push(
          `não foi possível remover a cópia parcial em ${label(this.to)} (${errorMessage(error)}); a próxima execução remove`,
        );
      }
    }
    await this.ctx.registry.abortMove(this.tenant.id, copyLeft);
    // Robots that could not be told keep refusing writes only until their block and cache expire.
    await this.ctx.robots.refresh(this.tenant);
  }

  private failure(error: unknown): TenantOpsError {
    const served = `O cliente continua no servidor ${label(this.from)}.`;
    if (error instanceof TenantOpsError) {
      return new TenantOpsError(
        error.code,
        `${error.message} ${served}`,
        { ...error.details, etapa: this.step, avisos: this.avisos },
        { cause: error },
      );
    }
    return new TenantOpsError(
      TenantOpsErrorCode.MOVE_FAILED,
      `Falha na etapa '${this.step}' da movimentação: ${errorMessage(error)}. ${served}`,
      { etapa: this.step, avisos: this.avisos },
      { cause: error },
    );
  }
}

function parseLabel(value: string): ServerAddress {
  const at = value.lastIndexOf(':');
  return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
}
