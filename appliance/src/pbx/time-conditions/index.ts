/** Time conditions: business hours, holidays and make-up working days, and whether they are open now. */
export * from './time-condition.ts';
export * from './evaluate-time-condition.ts';
export * from './time-conditions-repository.ts';
