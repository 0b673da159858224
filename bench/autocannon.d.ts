// The part of autocannon's API the benchmarks use (the package ships no types, and none are installed).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    non2xx: number;
  }
  interface RequestData {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  }
  interface Options {
    url: string;
    headers?: Record<string, string>;
    connections?: number;
    duration?: number;
    overallRate?: number;
    /** Called before each request; may change its path (one entry = the same setup for every request). */
    requests?: { setupRequest?: (req: RequestData) => RequestData }[];
  }
  export default function autocannon(options: Options): Promise<Result>;
}
