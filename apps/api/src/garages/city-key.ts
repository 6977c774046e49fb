/** A city as searches compare it: « Orléans », « ORLEANS » and « orleans  » are one city. */
export function cityKey(city: string): string {
  return city.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
