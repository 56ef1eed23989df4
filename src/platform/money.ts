const poundsFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Money is kept as whole pence and shown as pounds: 125050 → "£1,250.50", 4500000 → "£45,000". */
export function formatPounds(pence: number): string {
  return poundsFormat.format(pence / 100).replace(/\.00$/, '');
}
