/** Pulse meeting core (issue 7): agenda, timer, actions and ideas, escalation. Pure. */
export * from './agenda';
export * from './timer';
export * from './actions';
export * from './escalation';
