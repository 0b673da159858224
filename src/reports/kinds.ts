/** The reports tieout renders and their formats (apart from the renderers, so the CLI's help loads none). */
export const REPORT_KINDS = ['wip', 'job-cost', 'completed', 'fade', 'surety', 'bonding'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
