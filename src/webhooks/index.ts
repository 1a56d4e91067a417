/** Signed webhook delivery of alerts: queue on fire, send from a separate loop, retry, dead-letter. */
export { SIGNATURE_HEADER, EVENT_HEADER, DELIVERY_HEADER, signatureHeader, signatureOf, verifySignature } from './sign.js';
export { matchesFilters, alertPayload, eventOf, enqueueAlertDeliveries } from './enqueue.js';
export { deliverDue, startDeliveryLoop, DEFAULT_BACKOFF_MS, type DeliveryOptions, type DeliveryRound, type DeliveryLoop } from './deliver.js';
