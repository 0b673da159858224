/**
 * Procore documents amounts as strings (its OpenAPI description) and sends them in several spellings; the
 * sandbox rotates through them so the connector's one money parser is exercised on every field:
 * "1250000.00", "1250000.0", "1250000.0000", "1250000.000" and formatted text "$1,250,000.00". Never a
 * JSON number where Procore documents a string (test/procore/reference-schemas.test.ts holds it to that);
 * the parser still reads numbers, and its own test says so.
 */
import { Dec } from '../../canonical/money.ts';

export class MoneyStyler {
  private n = 0;

  constructor(private readonly formattedEvery = 5) {}

  render(value: string | null | undefined): string | number | null {
    if (value === null || value === undefined) return null;
    const d = new Dec(value);
    const k = this.n++ % this.formattedEvery;
    switch (k) {
      case 0:
        return d.toFixed(2);
      case 1:
        return d.toString().includes('.') ? d.toString() : `${d.toString()}.0`;
      case 2:
        return d.toFixed(4);
      case 3:
        return d.toFixed(3);
      default: {
        const [int, frac] = d.abs().toFixed(2).split('.');
        return `${d.isNegative() ? '-' : ''}$${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
      }
    }
  }
}
