/** team-2 before team-10: names compared with their numbers as numbers (a fixed locale, so every machine agrees). */
const NATURAL_ORDER = new Intl.Collator("en", { numeric: true, sensitivity: "variant" });

export const naturalCompare = (a: string, b: string): number => NATURAL_ORDER.compare(a, b);

/** A sorted copy in natural order. */
export const naturalSort = (items: Iterable<string>): string[] => [...items].sort(naturalCompare);
