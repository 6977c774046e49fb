import type { GarageView } from '@promoto/shared-dto';

/**
 * A garage's address as a line: its address, then its city unless the address already ends with
 * it (« 12 rue Oberkampf, 75011 Paris », not « …, 75011 Paris, Paris »), accents and case aside.
 */
export function garageAddress(garage: Pick<GarageView, 'address' | 'city'>): string {
  const plain = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim();
  const address = garage.address.trim();
  return plain(address).endsWith(plain(garage.city)) ? address : `${address}, ${garage.city}`;
}
