const poundsFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Money is kept as whole pence and shown as pounds: 125050 → "£1,250.50", 4500000 → "£45,000". */
export function formatPounds(pence: number): string {
  return poundsFormat.format(pence / 100).replace(/\.00$/, '');
}

/** Whole pence as the pounds a person would type: 4500000 → "45000", 12550 → "125.50". */
export function penceAsInput(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  return pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2);
}
