/**
 * A dealership's stock as the disk figures assume it: CARS rows with the values and the few hundred
 * characters of description a real listing has (an empty or uniform table would compress and pack
 * unlike a real one).
 */
import { quoteIdentifier } from '@helix/db';
import type { Root } from './mysqld';

export const CARS = 1_000;

const BRANDS: [string, string[]][] = [
  ['Toyota', ['Corolla', 'Yaris', 'Hilux', 'SW4', 'Corolla Cross']],
  ['Volkswagen', ['Polo', 'Virtus', 'T-Cross', 'Nivus', 'Amarok']],
  ['Chevrolet', ['Onix', 'Onix Plus', 'Tracker', 'S10', 'Spin']],
  ['Fiat', ['Argo', 'Mobi', 'Pulse', 'Strada', 'Toro']],
  ['Hyundai', ['HB20', 'HB20S', 'Creta', 'Tucson']],
  ['Honda', ['Civic', 'City', 'HR-V', 'WR-V']],
  ['Jeep', ['Renegade', 'Compass', 'Commander']],
  ['Renault', ['Kwid', 'Sandero', 'Duster', 'Oroch']],
];
const COLORS = ['Prata', 'Preto', 'Branco', 'Cinza', 'Vermelho', 'Azul'];
const FUELS = ['Flex', 'Gasolina', 'Diesel', 'Híbrido'];
const TRANSMISSIONS = ['Manual', 'Automático', 'CVT'];
const EXTRAS = [
  'único dono',
  'revisões na concessionária',
  'manual e chave reserva',
  'pneus novos',
  'multimídia com Android Auto e CarPlay',
  'bancos de couro',
  'câmera de ré',
  'sensor de estacionamento',
  'teto solar',
  'IPVA pago',
  'laudo cautelar aprovado',
  'garantia de fábrica',
];

/** Row `i` of a dealership's stock: the columns its listing shows, with a description of a few hundred characters. */
function car(i: number): unknown[] {
  const [brand, models] = BRANDS[i % BRANDS.length];
  const model = models[Math.floor(i / BRANDS.length) % models.length];
  const year = 2012 + (i % 13);
  const extras = Array.from({ length: 4 + (i % 5) }, (_, n) => EXTRAS[(i + n * 5) % EXTRAS.length]);
  const description =
    `${brand} ${model} ${year}/${year + (i % 2)}, ${COLORS[i % COLORS.length].toLowerCase()}, ${30_000 + ((i * 7919) % 90_000)} km. ` +
    `Veículo em ótimo estado de conservação, ${extras.join(', ')}. Aceitamos seu usado na troca e financiamos em até 60 vezes; ` +
    `agende um test drive pelo chat ou pelo WhatsApp da loja.`;
  return [
    brand,
    model,
    year,
    year + (i % 2),
    45_000 + ((i * 104_729) % 200_000),
    30_000 + ((i * 7919) % 90_000),
    COLORS[i % COLORS.length],
    FUELS[i % FUELS.length],
    TRANSMISSIONS[i % TRANSMISSIONS.length],
    description,
    i % 10 === 0 ? 'sold' : i % 10 === 1 ? 'reserved' : 'available',
  ];
}

/** Fills the tenant database's `cars` with CARS rows, 250 per INSERT. */
export async function insertCars(root: Root, database: string): Promise<void> {
  const columns = 'brand, model, year, year_model, price, mileage, color, fuel_type, transmission, description, status';
  for (let start = 0; start < CARS; start += 250) {
    const rows = Array.from({ length: Math.min(250, CARS - start) }, (_, n) => car(start + n));
    await root.query(`INSERT INTO ${quoteIdentifier(database)}.cars (${columns}) VALUES ?`, [rows]);
  }
}
