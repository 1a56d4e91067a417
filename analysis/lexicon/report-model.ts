// Placeholder until scripts/train-report.ts writes the trained weights.
export const REPORT_BIAS: number[] = [];
export const REPORT_DENSE: number[] = [];
export const REPORT_WORDS_TSV = "";
