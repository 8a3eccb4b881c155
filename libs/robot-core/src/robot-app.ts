import { httpTimeoutsOf } from '@helix/config';
import { databaseErrorOf } from '@helix/db';
import { createHttpApp, type RouteSpec } from '@helix/http';
import { tenantGuard } from '@helix/tenant-context';
import type { Express } from 'express';
import type { BookingKind } from './bookings/booking-kind';
import { BookingsRepository } from './bookings/bookings.repository';
import { bookingRoutes } from './bookings/bookings.routes';
import { chatRoutes } from './chat/chat.routes';
import { ChatService } from './chat/chat.service';
import { ClientesRepository } from './clientes/clientes.repository';
import { clientesRoutes } from './clientes/clientes.routes';
import { ConversasRepository } from './conversas/conversas.repository';
import { conversasRoutes } from './conversas/conversas.routes';
import type { PhotoKind } from './photos/photo-kind';
import { PhotosRepository } from './photos/photos.repository';
import { photoRoutes } from './photos/photos.routes';
import { operationsRoutes } from './operations/tenant-refresh.routes';
import { robotAccess, type RobotAccess } from './robot-access';
import { ROBOT_ERROR_STATUSES } from './robot-error-statuses';
import { registerThrottlingMetrics } from './robot-throttling';
import { storefrontCaching } from './storefront-caching';
import type { RobotRuntime } from './robot-runtime';
import type { VerticalCatalogue } from './vertical';

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
  );
  const clientes = new ClientesRepository();
  const conversas = new ConversasRepository();
  const chat = new ChatService({
    catalogue: definition.catalogue,
    clientes,
    conversas,
    ai: runtime.ai,
    quota: runtime.quota,
    shipper: runtime.shipper,
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
      ...definition.routes(access),
      ...photoRoutes(access, definition.photos, new PhotosRepository(definition.photos)),
      ...bookingRoutes(access, definition.booking, { bookings: new BookingsRepository(definition.booking), clientes }, runtime.clock),
      ...clientesRoutes(access, clientes),
      ...conversasRoutes(access, conversas),
      ...chatRoutes(access, chat),
      ...operationsRoutes(runtime),
    ],
  });
}
