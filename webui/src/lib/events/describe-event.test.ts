import { describe, expect, test } from 'bun:test';
import { describeEvent, parseBusEvent } from './describe-event';

describe('parseBusEvent', () => {
  test('keeps well-formed frames and drops the rest', () => {
    const frame = { seq: 1, name: 'system.alarm', at: '2024-01-01T00:00:00Z', data: { code: 'disk', severity: 'warning', message: 'low' } };
    expect(parseBusEvent(JSON.stringify(frame))).toEqual(frame as never);
    expect(parseBusEvent('not json')).toBeNull();
    expect(parseBusEvent('{"seq":"1","name":"x","at":"t","data":{}}')).toBeNull();
    expect(parseBusEvent('{"seq":1,"name":"x","at":"t"}')).toBeNull();
  });
});

describe('describeEvent', () => {
  test('a config change names the entity and action through the catalogue', () => {
    const event = {
      seq: 2,
      name: 'config.changed',
      at: '2024-01-01T00:00:00Z',
      data: { entity: 'extension', action: 'created', id: 3, label: '1001', actor: 'admin' },
    } as const;
    expect(describeEvent(event)).toEqual({
      key: 'event.configChangedBy',
      params: { entity: { key: 'entity.extension' }, action: { key: 'action.created' }, label: '1001', actor: 'admin' },
    });
  });
});
