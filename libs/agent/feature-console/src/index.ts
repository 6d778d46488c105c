// Public API of agent/feature-console.
export {};
