import { httpTimeoutsOf, type MasterConfig } from '@helix/config';
import { databaseErrorOf, type Pool } from '@helix/db';
import { createHttpApp, type Logger } from '@helix/http';
import type { RateLimiter } from '@helix/rate-limit';
import { SecretBox } from '@helix/secrets';
import { inviteMailerFor, LoginThrottle } from '@helix/sessions';
import {
  RobotNotifier,
  TenantOnboarding,
  TenantPlacement,
  TenantRegistry,
  TenantServers,
  type AdminServers,
  type OnboardingFaults,
} from '@helix/tenant-ops';
import { AnalyticsRepository } from './analytics/analytics.repository';
import { analyticsRoutes } from './analytics/analytics.routes';
import { AnalyticsService } from './analytics/analytics.service';
import { AssinaturasRepository } from './assinaturas/assinaturas.repository';
import { assinaturasRoutes } from './assinaturas/assinaturas.routes';
import { AssinaturasService } from './assinaturas/assinaturas.service';
import { AdminSessionTokens } from './auth/admin-session-tokens';
import { AdminSessionsRepository } from './auth/admin-sessions.repository';
import { adminGuard } from './auth/auth.guards';
import { authRoutes } from './auth/auth.routes';
import { AuthService } from './auth/auth.service';
import { UsuariosAdminRepository } from './auth/usuarios-admin.repository';
import { usuariosAdminRoutes } from './auth/usuarios-admin.routes';
import { UsuariosAdminService } from './auth/usuarios-admin.service';
import { MASTER_ERROR_STATUSES } from './error-statuses';
import { internalRoutes } from './internal/internal.routes';
import { MercadoPagoClient } from './mercadopago/mercadopago.client';
import { ResolveRepository } from './internal/resolve.repository';
import { registerResolveMetrics } from './internal/resolve.metrics';
import { ResolveService } from './internal/resolve.service';
import { serviceCallers } from './internal/service-callers';
import { LojasRepository } from './lojas/lojas.repository';
import { lojasRoutes } from './lojas/lojas.routes';
import { LojasService } from './lojas/lojas.service';
import { PlanosRepository } from './planos/planos.repository';
import { planosRoutes } from './planos/planos.routes';
import { PlanosService } from './planos/planos.service';
import { servidoresRoutes } from './servidores/servidores.routes';
import { tenantsRoutes } from './tenants/tenants.routes';
import { RobotNotice } from './tenants/robot-notice';
import { TenantsService } from './tenants/tenants.service';
import { UsoRepository } from './uso/uso.repository';
import { usoRoutes } from './uso/uso.routes';
import { UsoService } from './uso/uso.service';
import { MercadoPagoWebhookService } from './webhooks/mercadopago-webhook.service';
import { webhooksRoutes } from './webhooks/webhooks.routes';

export interface MasterDeps {
  config: MasterConfig;
  db: Pool;
  /** The fleet's servers (registered in `servidores`), reached with TENANT_DB_URL's admin account: where POST /tenants places databases. */
  tenantServers: AdminServers;
  logger: Logger;
  /** Login limits: shared by every master instance through Redis when REDIS_URL is set. */
  rateLimiter: RateLimiter;
  clock?: () => Date;
  faults?: OnboardingFaults;
}

/** Wiring only: repositories → services → route declarations → the shared HTTP plumbing. */
export function createApp(deps: MasterDeps) {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const secretBox = new SecretBox(config.TENANT_SECRET_KEY);

  const registry = new TenantRegistry(db);
  const planos = new PlanosRepository(db);
  const assinaturasRepository = new AssinaturasRepository(db);
  const mercadoPago = config.MERCADOPAGO_ACCESS_TOKEN
    ? new MercadoPagoClient({ accessToken: config.MERCADOPAGO_ACCESS_TOKEN, baseUrl: config.MERCADOPAGO_BASE_URL })
    : null;
  const usuariosAdmin = new UsuariosAdminRepository(db);
  const auth = new AuthService({
    users: usuariosAdmin,
    sessions: new AdminSessionsRepository(db),
    tokens: new AdminSessionTokens(config.JWT_SECRET, config.JWT_TTL_SECONDS),
    throttle: new LoginThrottle(deps.rateLimiter, {
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      maxFailuresPerEmail: config.LOGIN_MAX_FAILURES_PER_EMAIL,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
    }),
  });
  const onboarding = new TenantOnboarding({
    registry,
    servers: deps.tenantServers,
    placement: new TenantPlacement(new TenantServers(db), deps.tenantServers),
    userHost: config.TENANT_DB_USER_HOST,
    secretBox,
    prefix: config.TENANT_DB_PREFIX,
    webBaseUrl: config.WEB_BASE_URL,
    mailer: inviteMailerFor(config, logger),
    logger,
    faults: deps.faults,
  });
  const resolve = new ResolveService(new ResolveRepository(db), secretBox, {
    timeZone: config.BILLING_TIMEZONE,
    cacheSeconds: config.RESOLVE_CACHE_SECONDS,
    clock,
    logger,
  });
  const uso = new UsoService(new UsoRepository(db), {
    timeZone: config.BILLING_TIMEZONE,
    maxFutureSeconds: config.USAGE_MAX_FUTURE_SECONDS,
    clock,
  });
  const robots = new RobotNotice(new RobotNotifier(config.ROBOT_URLS, config.SERVICE_TOKENS), registry, logger);
  const assinaturas = new AssinaturasService({
    assinaturas: assinaturasRepository,
    tenants: registry,
    planos,
    mercadoPago,
    backUrl: config.MERCADOPAGO_BACK_URL,
    logger,
    clock,
    robots,
  });
  const webhook = new MercadoPagoWebhookService({
    assinaturas,
    mercadoPago,
    secret: config.MERCADOPAGO_WEBHOOK_SECRET,
    toleranceSeconds: config.MERCADOPAGO_WEBHOOK_TOLERANCE_SECONDS,
    clock,
    logger,
  });
  const requireAdmin = adminGuard(auth);
  const { requireRobot, requireWeb } = serviceCallers(config.SERVICE_TOKENS);

  const app = createHttpApp({
    service: 'master-api',
    version: '1.0.0',
    description: 'HelixAI master: clientes, planos, assinaturas, uso e API interna dos robôs',
    logger,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    timeouts: httpTimeoutsOf(config),
    registerMetrics: (registry) => registerResolveMetrics(registry, resolve),
    readiness: async () => {
      await db.query('SELECT 1');
    },
    errors: { statuses: MASTER_ERROR_STATUSES, classify: databaseErrorOf },
    routes: [
      ...authRoutes(auth, requireAdmin),
      ...usuariosAdminRoutes(new UsuariosAdminService(usuariosAdmin), requireAdmin),
      ...tenantsRoutes(new TenantsService(registry, onboarding, robots), assinaturas, requireAdmin),
      ...internalRoutes(resolve, requireRobot),
      ...lojasRoutes(new LojasService(new LojasRepository(db), registry, clock), requireWeb, requireRobot),
      ...planosRoutes(new PlanosService(planos), requireAdmin),
      ...servidoresRoutes(db, deps.tenantServers, requireAdmin),
      ...usoRoutes(uso, requireAdmin, requireRobot),
      ...assinaturasRoutes(assinaturas, requireAdmin),
      ...webhooksRoutes(webhook),
      ...analyticsRoutes(new AnalyticsService(new AnalyticsRepository(db), { timeZone: config.BILLING_TIMEZONE, clock }), requireAdmin),
    ],
  });
  return { app, auth, onboarding, planos };
}
