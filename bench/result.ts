export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}
