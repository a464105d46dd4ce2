/**
 * Folds text for accent- and case-insensitive search: "Győr", "GYŐR" and "gyor" all
 * become "gyor". NFD splits ő into o + combining double acute; the marks are dropped.
 */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Normalises an e-mail address for comparison and storage (case-insensitive). */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}
