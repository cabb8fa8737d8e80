// The logger devices/ writes to. main/backend's Logger satisfies it; devices/ never imports
// main/ (the backend depends on devices, not the other way round).
import type { LogEventId } from '../../common/log-events';

export interface DeviceLogger {
  log(event: LogEventId, fields?: Record<string, unknown>): void;
}

/** Collects lines in memory: tests assert on what a technician would read. */
export function memoryLogger(): DeviceLogger & { lines: { event: LogEventId; fields: Record<string, unknown> }[] } {
  const lines: { event: LogEventId; fields: Record<string, unknown> }[] = [];
  return { lines, log: (event, fields = {}) => void lines.push({ event, fields }) };
}
