/**
 * In-process alert events: the signals engine publishes every alert it stores (once), and
 * subscribers such as the SSE endpoint `GET /api/v1/alerts/stream` receive them. A listener that
 * throws is logged and skipped; it never reaches the engine or the other listeners.
 */
import type { AlertRow } from '../../db/queries/signals.js';

export interface AlertEvent {
  type: 'alert';
  alert: AlertRow;
}

export type AlertListener = (event: AlertEvent) => void;

export class AlertBus {
  private readonly listeners = new Set<AlertListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.unsubscribe(listener);
  }

  unsubscribe(listener: AlertListener): void {
    this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Delivers synchronously to the current listeners, in subscription order. */
  publish(alerts: readonly AlertRow[]): void {
    for (const alert of alerts) {
      for (const listener of [...this.listeners]) {
        try {
          listener({ type: 'alert', alert });
        } catch (error) {
          this.onListenerError(error);
        }
      }
    }
  }
}
