/** The signals engine: evaluation after ingest, the alert bus, the measured cost of silence. */
export { evaluateSignals, signalsSettings, type EvaluateInput, type EvaluateSummary, type SignalsConfig } from './evaluate.js';
export { AlertBus, type AlertEvent, type AlertListener } from './bus.js';
export { measuredCost } from './cost.js';
export { signalsAfterBatch, startSignals, type SignalsRuntime, type SignalsDeps, type AfterBatch, type BatchRange } from './runtime.js';
