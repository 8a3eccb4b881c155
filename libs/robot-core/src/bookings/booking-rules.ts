import { tenantTimeZone } from '@helix/contracts';
import { duplicateKeyName } from '@helix/db';
import { assertBookable } from '@helix/http';
import type { RequestTenant } from '@helix/tenant-context';
import { RobotError } from '../robot.error';
import type { BookingKind } from './booking-kind';

/** What any booking of a kind must respect, whoever books it (the store's back office, a visitor). */
export function bookingRules(kind: BookingKind, clock: () => Date) {
  return {
    itemNotFound: (id: number) => new RobotError('ITEM_NOT_FOUND', `${kind.item.label} ${id} não encontrado(a).`),

    /** Booking or moving to a slot needs it inside the booking window; a change of status alone keeps its slot. */
    assertBookable(tenant: RequestTenant, slot: Date | undefined): void {
      if (slot) assertBookable(slot, clock(), tenantTimeZone(tenant.resolution), 'body.data_agendada');
    },

    /**
     * The slot's unique key turns a double booking into a clear 409 SLOT_TAKEN, even between
     * concurrent requests; `message` says it in the words of who asked.
     */
    async slotGuarded<T>(work: () => Promise<T>, message = `${kind.item.label} já tem um horário marcado neste horário. Escolha outro.`) {
      try {
        return await work();
      } catch (error) {
        if (duplicateKeyName(error) === kind.slotKey) throw new RobotError('SLOT_TAKEN', message);
        throw error;
      }
    },
  };
}
