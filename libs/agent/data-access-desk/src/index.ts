// Public API of agent/data-access-desk.
export {};
