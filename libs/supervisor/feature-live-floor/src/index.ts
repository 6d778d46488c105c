// Public API of supervisor/feature-live-floor.
export {};
