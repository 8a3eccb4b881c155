import { httpTimeoutsOf } from '@helix/config';
import { databaseErrorOf } from '@helix/db';
import { createHttpApp, type RouteSpec } from '@helix/http';
import { inviteMailerFor, LoginThrottle } from '@helix/sessions';
import { tenantGuard } from '@helix/tenant-context';
import type { Express } from 'express';
import type { BookingKind } from './bookings/booking-kind';
import { bookingRules } from './bookings/booking-rules';
import { BookingsRepository } from './bookings/bookings.repository';
import { bookingRoutes } from './bookings/bookings.routes';
import { chatRoutes } from './chat/chat.routes';
import { ChatService } from './chat/chat.service';
import { ClientesRepository } from './clientes/clientes.repository';
import { clientesRoutes } from './clientes/clientes.routes';
import { ConversasRepository } from './conversas/conversas.repository';
import { EquipeRepository } from './equipe/equipe.repository';
import { equipeRoutes } from './equipe/equipe.routes';
import { EquipeService } from './equipe/equipe.service';
import { staffGuards } from './equipe/staff-session.guard';
import { StaffTokens } from './equipe/staff-tokens';
import { conversasRoutes } from './conversas/conversas.routes';
import type { PhotoKind } from './photos/photo-kind';
import { PhotosRepository } from './photos/photos.repository';
import { painelRoutes } from './painel/painel.routes';
import { PainelService } from './painel/painel.service';
import { photoRoutes } from './photos/photos.routes';
import { PhotoFiles } from './photos/photo-files';
import { photoFileRoutes, removingItemPhotoFiles } from './photos/photo-files.routes';
import { operationsRoutes } from './operations/tenant-refresh.routes';
import { robotAccess, type RobotAccess } from './robot-access';
import { ROBOT_ERROR_STATUSES } from './robot-error-statuses';
import { registerThrottlingMetrics } from './robot-throttling';
import { storefrontCaching } from './storefront-caching';
import type { RobotRuntime } from './robot-runtime';
import type { VerticalCatalogue } from './vertical';
import { VisitantesRepository } from './visitantes/visitantes.repository';
import { visitantesRoutes } from './visitantes/visitantes.routes';
import { VisitantesService } from './visitantes/visitantes.service';
import { VisitorLimits } from './visitantes/visitor-limits';
import { visitorSessionGuard } from './visitantes/visitor-session.guard';
import { VisitorTokens } from './visitantes/visitor-token';

/** What makes a robot a car or a real-estate robot; everything else is shared. */
export interface RobotDefinition {
  service: string;
  version: string;
  description: string;
  catalogue: VerticalCatalogue;
  booking: BookingKind;
  photos: PhotoKind;
  /** The vertical's own catalogue routes (veiculos, imoveis). */
  routes(access: RobotAccess): RouteSpec[];
}

/** Wiring only: every route runs for one resolved, active tenant, on a handle bound to it. */
export function createRobotApp(definition: RobotDefinition, runtime: RobotRuntime): Express {
  const visitorTokens = new VisitorTokens(runtime.config.SESSION_SECRET);
  const photos = new PhotosRepository(definition.photos);
  const photoFiles = new PhotoFiles(runtime.config.UPLOAD_DIR);
  const equipe = new EquipeService({
    repository: new EquipeRepository(),
    tokens: new StaffTokens(runtime.config.SESSION_SECRET),
    throttle: new LoginThrottle(runtime.throttling.limiter, {
      maxFailuresPerIp: runtime.config.LOGIN_MAX_FAILURES_PER_IP,
      maxFailuresPerEmail: runtime.config.LOGIN_MAX_FAILURES_PER_EMAIL,
      windowSeconds: runtime.config.LOGIN_WINDOW_SECONDS,
      namespace: 'equipe-login',
    }),
    webBaseUrl: runtime.config.WEB_BASE_URL,
    mailer: inviteMailerFor(runtime.config, runtime.logger),
    clock: runtime.clock,
  });
  const access = robotAccess(
    tenantGuard({
      vertical: definition.catalogue.vertical,
      baseDomains: runtime.config.BASE_DOMAINS,
      resolver: runtime.resolver,
      connections: runtime.connections,
      // A tenant first seen by this instance may have events left by an earlier run.
      onServed: (tenant) => runtime.shipper.seenTenant(tenant),
      activity: runtime.activity,
      unknownTenants: runtime.throttling.unknownTenants,
    }),
    runtime.throttling.admit,
    storefrontCaching(runtime.config.CATALOGUE_CACHE_SECONDS),
    visitorSessionGuard(visitorTokens),
    staffGuards(equipe),
  );
  const clientes = new ClientesRepository();
  const conversas = new ConversasRepository();
  const bookings = new BookingsRepository(definition.booking);
  const chat = new ChatService({
    catalogue: definition.catalogue,
    conversas,
    ai: runtime.ai,
    quota: runtime.quota,
    shipper: runtime.shipper,
    clock: runtime.clock,
  });
  const visitantes = new VisitantesService({
    visitantes: new VisitantesRepository(),
    clientes,
    conversas,
    bookings,
    bookingRules: bookingRules(definition.booking, runtime.clock),
    tokens: visitorTokens,
    clock: runtime.clock,
  });
  return createHttpApp({
    service: definition.service,
    version: definition.version,
    description: definition.description,
    logger: runtime.logger,
    bodyLimit: runtime.config.BODY_LIMIT,
    trustProxy: runtime.config.TRUST_PROXY,
    timeouts: httpTimeoutsOf(runtime.config),
    refuseEarly: runtime.throttling.refuseEarly,
    registerMetrics: (registry) => registerThrottlingMetrics(registry, runtime.throttling.report),
    readiness: () => runtime.master.ping(),
    errors: { statuses: ROBOT_ERROR_STATUSES, classify: databaseErrorOf },
    routes: [
      ...removingItemPhotoFiles(definition.routes(access), definition.photos, photos, photoFiles),
      ...photoRoutes(access, definition.photos, photos, photoFiles),
      ...photoFileRoutes(access, definition.photos, photos, photoFiles),
      ...bookingRoutes(access, definition.booking, { bookings, clientes }, runtime.clock),
      ...clientesRoutes(access, clientes),
      ...conversasRoutes(access, conversas),
      ...chatRoutes(access, chat, clientes),
      ...visitantesRoutes(access, definition.booking, {
        visitantes,
        chat,
        limits: new VisitorLimits(runtime.throttling.limiter, runtime.config),
      }),
      ...equipeRoutes(access, equipe),
      ...painelRoutes(access, new PainelService({ master: runtime.master, resolver: runtime.resolver })),
      ...operationsRoutes(runtime),
    ],
  });
}
