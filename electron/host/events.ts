import type { EventPayload, EventTopic } from '../../shared/contract/index';

export type EventListener = (topic: EventTopic, payload: unknown) => void;

/** Main → renderer events; each transport attaches one listener and forwards what it hears. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  publish<T extends EventTopic>(topic: T, payload: EventPayload<T>): void {
    for (const listener of this.listeners) listener(topic, payload);
  }

  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
