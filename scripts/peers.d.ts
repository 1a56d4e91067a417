// Minimal types for the peer sentiment libraries compared against in scripts/eval.ts and bench/analysis.ts.
declare module 'vader-sentiment' {
  const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number } } };
  export default vader;
}
declare module 'sentiment' {
  export default class Sentiment {
    analyze(text: string): { score: number; comparative: number };
  }
}
declare module 'wink-sentiment' {
  export default function wink(text: string): { score: number; normalizedScore: number };
}
