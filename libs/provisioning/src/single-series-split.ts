import type { MigrationRef, SeriesSplit } from '@helix/db';
import type { RobotVertical } from '@helix/contracts';

/** The series every tenant has (`infra/tenant/base/`), applied before its vertical's own. */
export const BASE_SERIES = 'base';

const base = (version: number): MigrationRef => ({ series: BASE_SERIES, version });
const own = (robo: RobotVertical, version: number): MigrationRef => ({ series: robo, version });

/**
 * Until base/ existed each vertical's template was one series whose files also held the shared
 * tables, and tenant databases of that era record its versions with those files' checksums.
 * What each version became: 0001 split into base 1 (customers, conversations, mensagens, outbox)
 * and the vertical's 1 (catalogue, photos, bookings); 0002 into base 2 (outbox refusals) and the
 * vertical's 2 (booking slots); 0003 moved whole to base 3. A vertical added later has no entry.
 */
export const SINGLE_SERIES_SPLIT: Partial<Record<RobotVertical, SeriesSplit>> = {
  carros: {
    1: { checksum: '8833acf5d026b3b2c339a23374050f9104a659b2469da89cce4a4f673d30754f', became: [base(1), own('carros', 1)] },
    2: { checksum: 'd22b04201457c9e033cfb533b57dc0da12cfd2e21e499849a8539d1f1ab8253d', became: [base(2), own('carros', 2)] },
    3: { checksum: '35888108401e94a3cb7d38b1327542348d41e9872006e8c1b4a9b6b1d8ac0c07', became: [base(3)] },
  },
  imoveis: {
    1: { checksum: '5367ac2b59220341c124b218a59c98a90ab6aac91a6c802b2c44786b359a1659', became: [base(1), own('imoveis', 1)] },
    2: { checksum: '5e2d999db2c64cf1caad0a22ff298c78bade6da6f90c2e5144dc26106809f4d5', became: [base(2), own('imoveis', 2)] },
    3: { checksum: '35888108401e94a3cb7d38b1327542348d41e9872006e8c1b4a9b6b1d8ac0c07', became: [base(3)] },
  },
};
